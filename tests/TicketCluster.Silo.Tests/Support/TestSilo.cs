using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using TicketCluster.Silo.Api;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Hosting;
using TicketCluster.Testing;

namespace TicketCluster.Silo.Tests.Support;

/// <summary>
/// A real node in this process: Kestrel on a free loopback port, the real composition of
/// <see cref="SiloApp"/> with its Orleans silo on two free loopback ports and a cluster id of its own, on a
/// SQLite file in a temporary directory or on a PostgreSQL database. Clients carry tokens signed with the
/// node's key for any role. A test may give the node a manual clock (<c>TimeProvider</c>): the grains decide
/// on it, while Orleans' background areas (membership, messaging, reminder service) stay on real time.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    public const string SigningKey = "test-signing-key-of-at-least-32-characters!";

    private readonly string? _ownedDirectory;
    private readonly TokenIssuer _tokens;
    private readonly List<HttpClient> _clients = [];

    private TestSilo(WebApplication app, string? ownedDirectory)
    {
        App = app;
        _ownedDirectory = ownedDirectory;
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First());
        _tokens = new TokenIssuer(System.Text.Encoding.UTF8.GetBytes(SigningKey), "ticketcluster", "ticketcluster-api", TimeProvider.System);
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    /// <summary>The silo's grain factory, for tests that read a grain directly.</summary>
    public IGrainFactory Grains => App.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The silo's name (the <c>node</c> tag of its metrics).</summary>
    public string NodeName => App.Services.GetRequiredService<ILocalSiloDetails>().Name;


    /// <summary>Starts a silo on an embedded SQLite file of its own. <paramref name="configure"/> may
    /// replace services (a manual clock, a log capture) before the silo is composed;
    /// <paramref name="environment"/> names the hosting environment (ASP.NET Core's default, Production,
    /// unless given).</summary>
    public static Task<TestSilo> StartSqliteAsync(IReadOnlyDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null, string? environment = null) =>
        StartAsync("sqlite", null, settings, configure, environment);

    /// <summary>Starts a silo on the PostgreSQL database <paramref name="connectionString"/>.</summary>
    public static Task<TestSilo> StartPostgresAsync(string connectionString, IReadOnlyDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null) =>
        StartAsync("postgres", connectionString, settings, configure, null);

    /// <summary>Starts a node on the SQLite file of <paramref name="dataDirectory"/>, which the node does not
    /// delete (a restart on the same data).</summary>
    public static Task<TestSilo> StartSqliteInAsync(string dataDirectory, IReadOnlyDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null) =>
        StartAsync("sqlite", null, settings, configure, dataDirectory: dataDirectory);

    private static async Task<TestSilo> StartAsync(string kind, string? connectionString, IReadOnlyDictionary<string, string?>? settings, Action<WebApplicationBuilder>? configure, string? environment = null, string? dataDirectory = null)
    {
        var owned = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("tc-silo-").FullName;
        var ports = LoopbackPorts.Free(2);
        var configuration = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["TicketCluster:Orleans:SiloPort"] = ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["TicketCluster:Orleans:GatewayPort"] = ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["TicketCluster:Orleans:ClusterId"] = "test-" + Guid.NewGuid().ToString("N")[..12],
            ["urls"] = "http://127.0.0.1:0",
            ["TicketCluster:DataDirectory"] = dataDirectory,
            ["TicketCluster:Storage:Kind"] = kind,
            ["TicketCluster:Storage:ConnectionString"] = connectionString,
            ["TicketCluster:Auth:SigningKey"] = SigningKey,
            ["Logging:LogLevel:Default"] = "Warning",

            // Tests send bursts as one client; the per-client rate limits are tested on their own.
            ["TicketCluster:RateLimits:PermitsPerWindow"] = "1000000",
            ["TicketCluster:RateLimits:ServicePermitsPerWindow"] = "1000000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var app = SiloApp.Build(environment is null ? [] : ["--environment", environment], builder =>
        {
            builder.Configuration.AddInMemoryCollection(configuration);
            builder.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            configure?.Invoke(builder);
        });
        await app.StartAsync();
        return new TestSilo(app, owned ? dataDirectory : null);
    }

    /// <summary>A client whose token carries <paramref name="role"/>; merchant and customer tokens are bound
    /// to <paramref name="tenant"/>.</summary>
    public HttpClient Client(ApiRole role, string subject = "tester", string? tenant = null)
    {
        var token = _tokens.Issue(
            role,
            subject,
            role == ApiRole.Merchant ? tenant ?? subject : null,
            role == ApiRole.Customer ? tenant ?? subject : null,
            TimeSpan.FromHours(1));
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _clients.Add(client);
        return client;
    }

    /// <summary>A client without a token.</summary>
    public HttpClient Anonymous()
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        _clients.Add(client);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await App.StopAsync();
        await App.DisposeAsync();
        if (_ownedDirectory is null)
        {
            return;
        }

        try
        {
            Directory.Delete(_ownedDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow shutdown: the temporary directory is left to the OS.
        }
    }
}

/// <summary>JSON helpers with the API's own options.</summary>
public static class ApiHttp
{
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) =>
        client.PostAsJsonAsync(path, body, ApiJson.Options);

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(ApiJson.Options))!;
}

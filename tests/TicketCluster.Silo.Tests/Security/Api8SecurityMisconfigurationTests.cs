using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using TicketCluster.Silo.Api.Contracts;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Configuration;
using TicketCluster.Silo.Hosting;
using TicketCluster.Silo.Tests.Support;
using TicketCluster.Silo.Tests.Telemetry;
using TicketCluster.Silo.Webhooks;

namespace TicketCluster.Silo.Tests.Security;

/// <summary>
/// OWASP API8:2023 Security Misconfiguration: the node does not name its server software, answers a bad
/// value with the API's own words rather than .NET exception text, refuses to run on the development key
/// outside Development (in Production, the default, above all), keeps that key's file private, logs no stack trace for a request Kestrel refused, and
/// never prints a webhook URL's credentials in a configuration error.
/// </summary>
public sealed class Api8SecurityMisconfigurationTests
{
    [Fact]
    public async Task Responses_AnyRoute_CarryNoServerHeader()
    {
        await using var silo = await TestSilo.StartSqliteAsync();

        foreach (var path in new[] { "/health/live", "/api/v1/tickets/tk-none", "/no-such-route" })
        {
            var response = await silo.Client(ApiRole.Agent).GetAsync(path);
            Assert.False(response.Headers.Contains("Server"), $"{path} names the server: {string.Join(", ", response.Headers.Server)}");
        }
    }

    [Theory]
    [InlineData("propose-resolution", """{"plan":{"kind":"refund","amount":{"amount":-1,"currency":"CNY"}}}""")]
    [InlineData("refund-issued", """{"amount":{"amount":-1,"currency":"CNY"},"reference":"R1"}""")]
    [InlineData("refund-issued", """{"amount":{"amount":1,"currency":"cny"},"reference":"R1"}""")]
    [InlineData("acknowledge", """{"message": nope}""")]
    public async Task Command_ValueTheDomainRefuses_AnswersStableProblemWithoutExceptionTextAndChangesNothing(string command, string body)
    {
        await using var silo = await TestSilo.StartSqliteAsync();
        var created = await silo.Client(ApiRole.Channel).PostJsonAsync("/api/v1/tickets", Intakes.Complaint());
        var ticket = await created.ReadAsync<TicketView>();
        var admin = silo.Client(ApiRole.Admin);
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        var response = await admin.PostAsync($"/api/v1/tickets/{ticket.Id}/{command}", content);

        var problem = (await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "validation")).GetRawText();
        foreach (var leak in new[] { "Parameter", "Actual value", "System.", "Exception", "LineNumber", "BytePosition" })
        {
            Assert.DoesNotContain(leak, problem, StringComparison.Ordinal);
        }

        var after = await (await admin.GetAsync($"/api/v1/tickets/{ticket.Id}")).ReadAsync<TicketView>();
        Assert.Equal(ticket.Version, after.Version);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Build_DevelopmentKeyOutsideDevelopment_RefusesNamingTheSetting(string environment)
    {
        var directory = Directory.CreateTempSubdirectory("tc-devkey-").FullName;
        try
        {
            var exception = Assert.Throws<SiloConfigurationException>(() => SiloApp.Build([], b =>
            {
                b.Environment.EnvironmentName = environment;
                b.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["TicketCluster:DataDirectory"] = directory });
            }));

            Assert.Contains("TicketCluster:Auth:SigningKey", exception.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(directory, SigningKeys.DevelopmentKeyFile)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Program_NoKeyAndNoEnvironment_ExitsNamingTheSettingWithoutMakingAKey()
    {
        var directory = Directory.CreateTempSubdirectory("tc-devkey-").FullName;
        try
        {
            var (exitCode, _, error) = await SiloProcess.RunAsync(
                [],
                new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "", ["DOTNET_ENVIRONMENT"] = "" },
                directory,
                TimeSpan.FromSeconds(60));

            Assert.Equal(2, exitCode);
            Assert.Contains("TicketCluster:Auth:SigningKey", error, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(directory, "data", SigningKeys.DevelopmentKeyFile)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Build_DevelopmentKeyInDevelopment_WarnsOnce()
    {
        var directory = Directory.CreateTempSubdirectory("tc-devkey-").FullName;
        var capture = new LogCapture();
        try
        {
            await using (var app = SiloApp.Build([], b =>
            {
                b.Environment.EnvironmentName = "Development";
                b.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["TicketCluster:DataDirectory"] = directory });
                b.Logging.AddProvider(capture);
            }))
            {
                var warning = Assert.Single(capture.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains(SigningKeys.DevelopmentKeyFile, StringComparison.Ordinal));
                Assert.Contains("TicketCluster:Auth:SigningKey", warning.Message, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void DevelopmentKey_NewFile_IsReadableByItsOwnerOnly()
    {
        var directory = Directory.CreateTempSubdirectory("tc-devkey-").FullName;
        try
        {
            var key = SigningKeys.Resolve(new SiloSettings { DataDirectory = directory });

            Assert.NotNull(key);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory, SigningKeys.DevelopmentKeyFile)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task KestrelRefusals_HeadersTooLargeBadPathBodyTooLarge_AnswerProblemsAndLogNoStackTrace()
    {
        var capture = new LogCapture();
        await using var silo = await TestSilo.StartSqliteAsync(configure: b => b.Logging.AddProvider(capture));
        var channel = silo.Client(ApiRole.Channel);

        using var huge = new HttpRequestMessage(HttpMethod.Get, "/api/v1/tickets/tk-none");
        huge.Headers.Add("X-Filler", new string('x', 64 * 1024));
        var headersTooLarge = await channel.SendAsync(huge);
        var badPath = await RawAsync(silo.BaseAddress, "GET api/v1/tickets HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        var intake = System.Text.Json.JsonSerializer.Serialize(Intakes.Complaint(customerId: "c-too-large", description: new string('x', 128 * 1024)));
        using var body = new StringContent(intake, Encoding.UTF8, "application/json");
        var bodyTooLarge = await channel.PostAsync("/api/v1/tickets", body);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, headersTooLarge.StatusCode);
        Assert.StartsWith("HTTP/1.1 400", badPath, StringComparison.Ordinal);
        await ProblemAssert.IsAsync(bodyTooLarge, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        Assert.Contains("\"items\":[]", await silo.Client(ApiRole.Admin).GetStringAsync("/api/v1/tickets?customerId=c-too-large"), StringComparison.Ordinal);
        var loud = capture.Lines.Where(l => l.Level >= LogLevel.Error || (l.Level >= LogLevel.Warning && l.Exception is not null)).ToList();
        Assert.True(loud.Count == 0, string.Join(Environment.NewLine, loud.Select(l => $"{l.Level} {l.Category}: {l.Message} {l.Exception}")));
    }

    [Theory]
    [InlineData("ftp://hook-user:s3cret-pass@hooks.example.com/in?token=t0ken-value")]
    [InlineData("https://hook-user:s3cret-pass@hooks.example.com/in?token=t0ken-value")]
    [InlineData("gopher://hooks.example.com/in?token=t0ken-value&user=hook-user:s3cret-pass#frag")]
    public void WebhookConfiguration_RefusedUrl_ErrorShowsNoCredentials(string url)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TicketCluster:Webhooks:Subscriptions:0:Id"] = "crm",
            ["TicketCluster:Webhooks:Subscriptions:0:Url"] = url,
            ["TicketCluster:Webhooks:Subscriptions:0:Secret"] = "a-secret-of-sufficient-length",
        }).Build();

        var exception = Assert.Throws<SiloConfigurationException>(() => WebhookSettingsBinder.Load(configuration));

        Assert.Contains("Subscriptions:0:Url", exception.Message, StringComparison.Ordinal);
        Assert.Contains("hooks.example.com", exception.Message, StringComparison.Ordinal);
        foreach (var secret in new[] { "s3cret-pass", "t0ken-value", "hook-user" })
        {
            Assert.DoesNotContain(secret, exception.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>Sends bytes HttpClient would refuse to send and returns the raw answer.</summary>
    private static async Task<string> RawAsync(Uri baseAddress, string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(baseAddress.Host, baseAddress.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadToEndAsync();
    }
}

using System.Net.Http.Headers;
using TicketCluster.Silo.Auth;
using TicketCluster.Testing.Postgres;

namespace TicketCluster.Cluster.Tests.Support;

/// <summary>
/// N silo processes on one PostgreSQL database, in the spirit of Orleans' TestingHost but with separate
/// processes: nodes can be added, stopped, killed, paused and resumed while clients drive traffic. Each
/// cluster has its own database and its own Orleans cluster id (ADO.NET clustering and reminders on that
/// database); each node its own HTTP, silo and gateway ports.
/// </summary>
public sealed class SiloCluster : IAsyncDisposable
{
    public const string SigningKey = "cluster-test-signing-key-of-32-characters-or-more";
    private const string ClusterIdVariable = "TICKETCLUSTER__ORLEANS__CLUSTERID";
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The nodes' liveness probe timeout (<c>TicketCluster:Orleans:Membership:ProbeTimeout</c>); with
    /// Orleans' three missed probes, a killed silo is declared dead within <see cref="FailureDetection"/>.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Failure detection of a killed silo at most: <c>NumMissedProbesLimit</c> (3, Orleans' default)
    /// × <see cref="ProbeTimeout"/>.</summary>
    public static readonly TimeSpan FailureDetection = 3 * ProbeTimeout;

    private readonly PostgresServer _server;
    private readonly string _connectionString;
    private readonly Dictionary<string, string> _environment;
    private readonly List<SiloNode> _nodes = [];
    private readonly List<HttpClient> _clients = [];
    private readonly TokenIssuer _tokens = new(System.Text.Encoding.UTF8.GetBytes(SigningKey), "ticketcluster", "ticketcluster-api", TimeProvider.System);
    private int _nextNode;

    private SiloCluster(PostgresServer server, string connectionString, Dictionary<string, string> environment, string directory)
    {
        _server = server;
        _connectionString = connectionString;
        _environment = environment;
        Directory = directory;
        ClusterId = environment[ClusterIdVariable];
    }

    /// <summary>The Orleans cluster id of this cluster's nodes (<c>TicketCluster:Orleans:ClusterId</c>).</summary>
    public string ClusterId { get; }

    public IReadOnlyList<SiloNode> Nodes => _nodes;

    public string Directory { get; }

    public string ConnectionString => _connectionString;

    /// <summary>Starts <paramref name="nodes"/> silos on a fresh database of <paramref name="server"/>.
    /// <paramref name="settings"/> are extra environment variables (TICKETCLUSTER__SLA__… and so on).</summary>
    public static async Task<SiloCluster> StartAsync(PostgresServer server, int nodes, IReadOnlyDictionary<string, string>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        var connectionString = await server.CreateDatabaseAsync("cluster");
        var directory = System.IO.Directory.CreateTempSubdirectory("tc-cluster-").FullName;
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["TICKETCLUSTER__STORAGE__KIND"] = "postgres",
            ["TICKETCLUSTER__STORAGE__CONNECTIONSTRING"] = connectionString,
            ["TICKETCLUSTER__AUTH__SIGNINGKEY"] = SigningKey,
            ["TICKETCLUSTER__DATADIRECTORY"] = directory,
            [ClusterIdVariable] = "cluster-" + Guid.NewGuid().ToString("N")[..12],

            // Failure detection in a third of Orleans' default time: a killed silo is voted dead after three
            // missed probes of 2 s (6 s instead of 15 s), a frozen one after at most three of 8 s (Orleans stretches
            // a probe's timeout up to four times the setting). A silo slow to answer for a few seconds on a
            // loaded machine is still far from that.
            ["TICKETCLUSTER__ORLEANS__MEMBERSHIP__PROBETIMEOUT"] = ProbeTimeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture),

            // Traffic and probes come from a few clients as fast as they can; rates are tested in the silo's tests.
            ["TICKETCLUSTER__RATELIMITS__PERMITSPERWINDOW"] = "1000000",
            ["TICKETCLUSTER__RATELIMITS__SERVICEPERMITSPERWINDOW"] = "1000000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var cluster = new SiloCluster(server, connectionString, environment, directory);
        try
        {
            // The first node applies the schema alone; the rest start together.
            await cluster.AddNodeAsync();
            await Task.WhenAll(Enumerable.Range(1, nodes - 1).Select(_ => cluster.AddNodeAsync()));
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>
    /// <paramref name="settings"/> over reminder and sweeper periods short enough for a test to see a tick
    /// that fell due on a dead node retried: the clocks' reminders repeat every 10 s
    /// (<c>TicketCluster:Orleans:Reminders:RetryPeriod</c>, which Orleans allows once its minimum is 5 s) and
    /// the sweeper pokes tickets 20 s overdue every 5 s.
    /// </summary>
    public static Dictionary<string, string> ShortReminders(IReadOnlyDictionary<string, string> settings)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["TICKETCLUSTER__ORLEANS__REMINDERS__MINIMUMPERIOD"] = "00:00:05",
            ["TICKETCLUSTER__ORLEANS__REMINDERS__RETRYPERIOD"] = "00:00:10",
            ["TICKETCLUSTER__ORLEANS__SWEEPER__PERIOD"] = "00:00:05",
            ["TICKETCLUSTER__ORLEANS__SWEEPER__GRACE"] = "00:00:20",
        };
        foreach (var (key, value) in settings)
        {
            result[key] = value;
        }

        return result;
    }

    public async Task<SiloNode> AddNodeAsync()
    {
        SiloNode node;
        lock (_nodes)
        {
            node = new SiloNode($"node-{_nextNode++}", _environment, Directory);
            _nodes.Add(node);
        }

        await node.StartAsync(StartTimeout);
        return node;
    }

    /// <summary>A client of one node with a token for <paramref name="role"/>.</summary>
    public HttpClient Client(SiloNode node, ApiRole role, string subject = "tester", string? tenant = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        var client = new HttpClient { BaseAddress = node.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer",
            _tokens.Issue(role, subject, role == ApiRole.Merchant ? tenant ?? subject : null, role == ApiRole.Customer ? tenant ?? subject : null, TimeSpan.FromHours(1)));
        lock (_clients)
        {
            _clients.Add(client);
        }

        return client;
    }

    /// <summary>A gateway over the nodes running now (see <see cref="ClusterClient"/>): each request goes to
    /// the next node that is up, with a token for <paramref name="role"/>.</summary>
    public ClusterClient Gateway(ApiRole role)
    {
        var clients = Nodes.Select(n => (Node: n, Client: Client(n, role, "gateway"))).ToList();
        return new ClusterClient([.. clients.Select(c => (Func<HttpClient?>)(() => c.Node.IsRunning ? c.Client : null))]);
    }

    /// <summary>Orleans' membership of this cluster as its table holds it: one row per silo generation.</summary>
    public Task<IReadOnlyList<Member>> MembershipAsync() => Member.ReadAsync(_connectionString, ClusterId);

    /// <summary>The running node whose silo is <paramref name="member"/>, by its silo port.</summary>
    public SiloNode NodeOf(Member member) => _nodes.Single(n => n.SiloPort == member.Address.Endpoint.Port);

    /// <summary>The last lines of every node's log, for a failure message.</summary>
    public string Logs() => string.Join("\n\n", _nodes.Select(n => $"== {n.NodeId} ==\n{n.Log()}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await Task.WhenAll(_nodes.Select(n => n.DisposeAsync().AsTask()));
        try
        {
            await _server.DropDatabaseAsync(_connectionString);
        }
        catch (Npgsql.NpgsqlException)
        {
            // Left to the server's own cleanup when it stops.
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Logs of a failed run may still be open; the temporary directory is the OS's to clean.
        }
    }
}

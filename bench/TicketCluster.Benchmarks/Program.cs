using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using TicketCluster.Benchmarks;
using TicketCluster.Benchmarks.Intake;
using TicketCluster.Benchmarks.Memory;
using TicketCluster.Benchmarks.Quartz;
using TicketCluster.Benchmarks.Reminders;
using TicketCluster.Benchmarks.ScaleOut;
using TicketCluster.Storage.Postgres.State;
using TicketCluster.Testing.Postgres;

// Runs every benchmark of the grains on Orleans and writes docs/performance.md, beside the home-made
// runtime's frozen figures (bench/baselines/runtime.json).
//   dotnet run -c Release --project bench/TicketCluster.Benchmarks            full run
//   dotnet run -c Release --project bench/TicketCluster.Benchmarks -- --quick a smoke run with small numbers
if (args.FirstOrDefault() == MemoryChild.Argument)
{
    return await MemoryChild.RunAsync(args); // the memory benchmark's child process
}

var quick = args.Contains("--quick");
var only = OptionValue(args, "--only"); // opens | reminders | scaleout | scaleout-opens | intake | memory | quartz: one part alone (no report written)
var output = OptionValue(args, "--output") ?? Path.Combine(RepositoryRoot(), "docs", "performance.md");
var baseline = RuntimeBaseline.Load(RuntimeBaseline.PathUnder(RepositoryRoot()));
var duration = TimeSpan.FromSeconds(quick ? 4 : 15);
var opensWarmUp = quick ? OpenBenchmark.QuickWarmUp : OpenBenchmark.WarmUp;
const int Concurrency = 64;
var pending = quick ? 100_000 : 1_000_000;
var due = quick ? 10_000 : 100_000;
var spread = TimeSpan.FromSeconds(quick ? 4 : 20);
var notifyLatency = TimeSpan.FromMilliseconds(IntOption(args, "--latency-ms") ?? 50); // scale-out: the wait of a turn's notification
var notifyConnections = IntOption(args, "--connections") ?? 16; // scale-out: a silo's connections to the notification endpoint

Console.WriteLine("Starting a durable PostgreSQL server (fsync on) ...");
var profile = args.Contains("--pg-stats"); // with --only: print the server's busiest statements afterwards (intake: after each step; the per-intake counts then include statements inside functions)
await using var server = await PostgresServer.StartAsync(new PostgresServerOptions
{
    Durable = true,
    MaxConnections = 500,
    // pg_stat_statements always (the intake case counts statements per intake); statements inside functions
    // too with --pg-stats.
    Settings = new Dictionary<string, string> { ["shared_preload_libraries"] = "pg_stat_statements", ["pg_stat_statements.track"] = profile ? "all" : "top" },
});
var database = await server.CreateDatabaseAsync("bench");
CpuSample.PostgresServer = server.ProcessId;
await ApplySchemaAsync(database);

if (profile)
{
    await StatementProfile.ResetAsync(database);
}

var machine = await Machine.DescribeAsync(database);
using var scratch = new ScratchDirectory("tc-bench-sqlite"); // the SQLite files of the run
if (only == "opens")
{
    // --inflight N: only the project's reminder table with N state batches in flight (for a profile of the open);
    // --callers N with it: N concurrent callers instead of 64 (few callers show an open's own latency, unqueued).
    if (IntOption(args, "--inflight") is { } alone)
    {
        Console.WriteLine(await OpensOnPostgresAsync(database, true, alone, callers: IntOption(args, "--callers") ?? Concurrency));
        return 0;
    }

    Console.WriteLine(await OpensOnPostgresAsync(database, true, 2, stockReminders: true));
    foreach (var inFlight in new[] { 1, 2, 4 })
    {
        Console.WriteLine(await OpensOnPostgresAsync(database, true, inFlight));
    }

    if (profile)
    {
        Console.WriteLine(await StatementProfile.ReadAsync(database));
    }

    Console.WriteLine(await PgBenchLikeOpensAsync(database, Concurrency, duration));
    return 0;
}

if (only == "intake")
{
    Console.WriteLine(IntakeReport.Render(await IntakeBenchmark.RunAsync(server, quick, CancellationToken.None, printStatements: profile), baseline));
    return 0;
}

if (only == "memory")
{
    // --touched N: the silo under the memory limit touches N tickets (the run's default: 1,000,000; 20,000 quick).
    Console.WriteLine(MemoryReport.Render(await MemoryBenchmark.RunAsync(server, quick, CancellationToken.None, IntOption(args, "--touched")), baseline));
    return 0;
}

if (only == "quartz")
{
    foreach (var result in await QuartzSuite.RunOneAsync(server, pending, due, spread))
    {
        Console.WriteLine(QuartzSection.Row(result));
    }

    return 0;
}

// Reminders run in a database of their own: the opens' tickets register reminders of their own, which the
// reminder service would read at start among the pending ones.
var remindersDatabase = await server.CreateDatabaseAsync("reminders");
await ApplySchemaAsync(remindersDatabase);
if (only == "reminders")
{
    if (profile)
    {
        await StatementProfile.ResetAsync(remindersDatabase);
    }

    // --tables project | stock | both (default both): which reminder tables the backlog runs on.
    var tables = OptionValue(args, "--tables") ?? "both";
    foreach (var stock in new[] { true, false }.Where(s => tables == "both" || (tables == "stock") == s))
    {
        var result = await ReminderBenchmark.RunAsync(remindersDatabase, $"backlog, {ReminderTableName(stock)}", IntOption(args, "--pending") ?? pending, IntOption(args, "--due") ?? due, TimeSpan.FromSeconds(IntOption(args, "--spread") ?? 0), stock, more: DeliveryLimit(IntOption(args, "--delivery-limit")));
        Console.WriteLine($"{result}, CPU ms per fire {result.CpuMsPerFire:F3}");
    }

    if (profile)
    {
        Console.WriteLine(await StatementProfile.ReadAsync(remindersDatabase));
    }

    return 0;
}

if (only == "scaleout-opens")
{
    // --warm-up S: seconds of unmeasured load on each fresh cluster (default as in the full run, 10); --inflight N and
    // --max-delay-ms N: each silo's grain storage batches in flight and how long a batch waits for company (defaults
    // the provider's: 2 and 0).
    var inFlight = IntOption(args, "--inflight");
    var maxDelay = IntOption(args, "--max-delay-ms");
    await ScaleOutBenchmark.OpensAsync(
        () => NewDatabaseAsync("scaleopens"),
        Concurrency,
        duration,
        IntOption(args, "--warm-up") is { } w ? TimeSpan.FromSeconds(w) : OpenBenchmark.WarmUp,
        profile,
        o =>
        {
            o.MaxBatchesInFlight = inFlight ?? o.MaxBatchesInFlight;
            o.MaxDelay = maxDelay is { } ms ? TimeSpan.FromMilliseconds(ms) : o.MaxDelay;
        });
    return 0;
}

if (only == "scaleout")
{
    var result = await ScaleOutAsync();
    Console.WriteLine(ScaleOutReport.Render(result, baseline));
    return 0;
}

var opens = new List<OpenBenchmark.Result>();
foreach (var (groupCommit, inFlight, stockReminders) in new[] { (true, 2, true), (true, 1, false), (true, 2, false), (true, 4, false), (false, 1, false) })
{
    Console.WriteLine($"Opens on PostgreSQL, group commit {(groupCommit ? $"on, {inFlight} batch(es) in flight" : "off")}, {ReminderTableName(stockReminders)} ...");
    opens.Add(await OpensOnPostgresAsync(database, groupCommit, inFlight, stockReminders));
}

foreach (var groupCommit in new[] { true, false })
{
    Console.WriteLine($"Opens on SQLite, group commit {(groupCommit ? "on" : "off")} ...");
    var file = $"Data Source={scratch.File($"bench-{groupCommit}.db")}";
    opens.Add(await OpenBenchmark.RunAsync("SQLite", "SQLite (project's)", () => BenchSilo.StartSqliteAsync(file, o => o.Enabled = groupCommit), groupCommit, 1, Concurrency, duration, opensWarmUp));
}

var pgbench = await PgBenchLikeOpensAsync(database, Concurrency, duration);

var reminders = new List<ReminderBenchmark.Result>();
Console.WriteLine($"Reminders: backlog of {due:N0} due among {pending:N0} pending, due before the silo starts ...");
reminders.Add(await ReminderBenchmark.RunAsync(remindersDatabase, "backlog (all due before the silo starts)", pending, due, TimeSpan.Zero));
Console.WriteLine($"Reminders: {due:N0} due over {spread.TotalSeconds:N0} s among {pending:N0} pending ...");
reminders.Add(await ReminderBenchmark.RunAsync(remindersDatabase, $"steady ({due / spread.TotalSeconds:N0}/s offered)", pending, due, spread));

var scaleOut = await ScaleOutAsync();

Console.WriteLine("Deadlines on Quartz.NET's clustered AdoJobStore, the peer ...");
var quartz = await QuartzSuite.RunAllAsync(server, pending, due, spread, quick);
var report = OpensAndRemindersReport.Render(machine, opens, pgbench, reminders, baseline, quick)
    + ScaleOutReport.Render(scaleOut, baseline)
    + Environment.NewLine + QuartzSection.Render(quartz, reminders.Max(r => r.FiresPerSecond), baseline);
Console.WriteLine("End-to-end HTTP intake: silo and load generator processes, stepping the rate ...");
report += IntakeReport.Render(await IntakeBenchmark.RunAsync(server, quick, CancellationToken.None), baseline);
Console.WriteLine("Memory: bytes per activation, peak working set ...");
report += MemoryReport.Render(await MemoryBenchmark.RunAsync(server, quick, CancellationToken.None), baseline);
report += await ProfileAndStepsAsync(output);
await File.WriteAllTextAsync(output, report);
Console.WriteLine(report);
Console.WriteLine($"Written to {output}");
return 0;

// Group commit settings apply to the grain storage; the project's reminder table keeps its defaults.
Task<OpenBenchmark.Result> OpensOnPostgresAsync(string connectionString, bool groupCommit, int inFlight, bool stockReminders = false, int callers = Concurrency) =>
    OpenBenchmark.RunAsync(
        "PostgreSQL",
        ReminderTableName(stockReminders),
        () => BenchSilo.StartPostgresAsync(
            connectionString,
            o =>
            {
                o.Enabled = groupCommit;
                o.MaxBatchesInFlight = inFlight;
            },
            stockReminders: stockReminders),
        groupCommit,
        inFlight,
        callers,
        duration,
        opensWarmUp);

// The waiting backlog's drain and the opens on one silo and on three; each cluster's opens on a database of its own.
Task<ScaleOutBenchmark.Result> ScaleOutAsync() =>
    ScaleOutBenchmark.RunAsync(remindersDatabase, () => NewDatabaseAsync("scaleopens"), pending, due, notifyLatency, notifyConnections, Concurrency, duration, CancellationToken.None);

// A database of its own on the run's server, with the project's schema.
async Task<string> NewDatabaseAsync(string name)
{
    var fresh = await server.CreateDatabaseAsync(name);
    await ApplySchemaAsync(fresh);
    return fresh;
}

// The project's schema (grain state, queries, Orleans' tables), applied as the provider applies it at a silo's start.
static async Task ApplySchemaAsync(string connectionString)
{
    await using var storage = new PostgresStateStorage("schema", connectionString, PostgresStateStorage.DefaultGroupCommit(), null, TimeProvider.System, NullLogger<PostgresStateStorage>.Instance);
    await storage.EnsureSchemaAsync(CancellationToken.None);
}

// The hand-written record of profiling runs and the changes they led to ("## Profile and steps" to the end of the
// file): kept when the run rewrites the file above it.
static async Task<string> ProfileAndStepsAsync(string path)
{
    const string Heading = "## Profile and steps";
    var existing = File.Exists(path) ? await File.ReadAllTextAsync(path) : "";
    var at = existing.IndexOf(Heading, StringComparison.Ordinal);
    return at < 0 ? "" : Environment.NewLine + existing[at..];
}

// --delivery-limit N: the silo's bound on reminder ticks in flight (ReminderDeliveryOptions; 0 for none).
static Action<ISiloBuilder>? DeliveryLimit(int? limit) =>
    limit is { } n ? s => s.Configure<TicketCluster.Grains.Hosting.ReminderDeliveryOptions>(o => o.MaxConcurrentDeliveries = n) : null;

static string ReminderTableName(bool stock) => stock ? "stock ADO.NET" : "project's, group commit";

static string? OptionValue(string[] args, string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static int? IntOption(string[] args, string name) =>
    OptionValue(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : null;

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "TicketCluster.sln")))
        {
            return dir.FullName;
        }
    }

    return Directory.GetCurrentDirectory();
}

// pgbench inserting an open's rows, its state as large as the tickets' the opens benchmark stored.
static async Task<PgBench.Result> PgBenchLikeOpensAsync(string database, int clients, TimeSpan duration)
{
    var stateBytes = await TypicalStateSizeAsync(database);
    Console.WriteLine($"pgbench, {clients} clients, one ticket per transaction ({stateBytes} bytes of state) ...");
    return await PgBench.RunAsync(database, clients, duration, stateBytes);
}

static async Task<int> TypicalStateSizeAsync(string database)
{
    await using var connection = new NpgsqlConnection(database);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand("SELECT coalesce(avg(octet_length(state)), 2000)::int FROM grain_state WHERE grain_type = 'ticket'", connection);
    return (int)(await command.ExecuteScalarAsync())!;
}

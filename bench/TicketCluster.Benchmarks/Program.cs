using System.Globalization;
using System.Text;
using Npgsql;
using TicketCluster.Benchmarks;
using TicketCluster.Benchmarks.Intake;
using TicketCluster.Benchmarks.Memory;
using TicketCluster.Benchmarks.Quartz;
using TicketCluster.Storage.Postgres;
using TicketCluster.Storage.Sqlite;
using TicketCluster.Testing.Postgres;

// Runs every benchmark of the runtime and writes docs/performance.md.
//   dotnet run -c Release --project bench/TicketCluster.Benchmarks            full run (about 35 minutes, 20 of them the Quartz.NET peer)
//   dotnet run -c Release --project bench/TicketCluster.Benchmarks -- --quick a smoke run with small numbers
if (args.FirstOrDefault() == MemoryChild.Argument)
{
    return await MemoryChild.RunAsync(args); // the memory benchmark's child process
}

var quick = args.Contains("--quick");
var only = OptionValue(args, "--only"); // opens | reminders | intake | memory | quartz: one part alone (no report written)
var output = OptionValue(args, "--output") ?? Path.Combine(RepositoryRoot(), "docs", "performance.md");
var duration = TimeSpan.FromSeconds(quick ? 4 : 15);
const int Concurrency = 64;
var pending = quick ? 100_000 : 1_000_000;
var due = quick ? 10_000 : 100_000;

Console.WriteLine("Starting a durable PostgreSQL server (fsync on) ...");
var profile = args.Contains("--pg-stats"); // with --only: print the server's busiest statements afterwards
await using var server = await PostgresServer.StartAsync(new PostgresServerOptions
{
    Durable = true,
    MaxConnections = 300,
    Settings = profile
        ? new Dictionary<string, string> { ["shared_preload_libraries"] = "pg_stat_statements", ["pg_stat_statements.track"] = "all" }
        : new Dictionary<string, string>(),
});
var database = await server.CreateDatabaseAsync("bench");
CpuSample.PostgresServer = server.ProcessId;
await using (var schema = new PostgresGrainStorage(database))
{
    await schema.EnsureSchemaAsync(CancellationToken.None);
}

if (profile)
{
    await StatementProfile.ResetAsync(database);
}

var machine = await Machine.DescribeAsync(database);
using var scratch = new ScratchDirectory("tc-bench-sqlite"); // the SQLite files of the run
if (only == "opens")
{
    foreach (var inFlight in new[] { 1, 2, 4 })
    {
        Console.WriteLine(await OpenBenchmark.RunAsync("PostgreSQL", () => new PostgresGrainStorage(database), true, inFlight, Concurrency, duration));
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
    Console.WriteLine(IntakeReport.Render(await IntakeBenchmark.RunAsync(server, quick, CancellationToken.None)));
    return 0;
}

if (only == "memory")
{
    Console.WriteLine(MemoryReport.Render(await MemoryBenchmark.RunAsync(server, quick, CancellationToken.None)));
    return 0;
}

if (only == "quartz")
{
    foreach (var result in await QuartzSuite.RunOneAsync(server, pending, due, TimeSpan.FromSeconds(quick ? 4 : 20)))
    {
        Console.WriteLine(QuartzSection.Row(result));
    }

    return 0;
}

if (only == "reminders")
{
    var setup = new ReminderBenchmark.Setup(
        IntOption(args, "--claim-batch") ?? 256, IntOption(args, "--rounds") ?? 4, IntOption(args, "--write-batch") ?? 256, IntOption(args, "--write-batches") ?? 2, IntOption(args, "--turn-wait") ?? 0,
        !args.Contains("--no-group-commit"));
    ReminderBenchStore store = OptionValue(args, "--storage") == "sqlite" // the embedded store
        ? await SqliteReminderBenchStore.CreateAsync(scratch.File("reminders.db"))
        : new PostgresReminderBenchStore(database);
    var result = await ReminderBenchmark.RunAsync(store, "backlog", IntOption(args, "--nodes") ?? 1, pending, due, TimeSpan.FromSeconds(IntOption(args, "--spread") ?? 0), setup);
    Console.WriteLine($"{setup}: {result}, CPU ms per fire {result.CpuMsPerFire:F3}");

    if (profile)
    {
        Console.WriteLine(await StatementProfile.ReadAsync(database));
    }

    return 0;
}

var opens = new List<OpenBenchmark.Result>();
foreach (var (groupCommit, inFlight) in new[] { (true, 1), (true, 2), (true, 4), (false, 1) })
{
    Console.WriteLine($"Opens on PostgreSQL, group commit {(groupCommit ? $"on, {inFlight} batch(es) in flight" : "off")} ...");
    opens.Add(await OpenBenchmark.RunAsync("PostgreSQL", () => new PostgresGrainStorage(database), groupCommit, inFlight, Concurrency, duration));
}

foreach (var groupCommit in new[] { true, false })
{
    Console.WriteLine($"Opens on SQLite, group commit {(groupCommit ? "on" : "off")} ...");
    var file = scratch.File($"bench-{groupCommit}.db");
    opens.Add(await OpenBenchmark.RunAsync("SQLite", () => new SqliteGrainStorage($"Data Source={file}", TimeProvider.System), groupCommit, 1, Concurrency, duration));
}

var pgbench = await PgBenchLikeOpensAsync(database, Concurrency, duration);

var reminders = new List<ReminderBenchmark.Result>();
var postgresReminders = new PostgresReminderBenchStore(database);
Console.WriteLine($"Reminders: backlog of {due:N0} due among {pending:N0} pending ...");
reminders.Add(await ReminderBenchmark.RunAsync(postgresReminders, "backlog (all due at once)", 1, pending, due, TimeSpan.Zero, new ReminderBenchmark.Setup()));
var spread = TimeSpan.FromSeconds(quick ? 4 : 20);
Console.WriteLine($"Reminders: {due:N0} due over {spread.TotalSeconds:N0} s among {pending:N0} pending ...");
reminders.Add(await ReminderBenchmark.RunAsync(postgresReminders, $"steady ({due / spread.TotalSeconds:N0}/s offered)", 1, pending, due, spread, new ReminderBenchmark.Setup()));
Console.WriteLine($"Reminders: backlog of {due:N0} due on three nodes ...");
reminders.Add(await ReminderBenchmark.RunAsync(postgresReminders, "backlog (all due at once)", 3, pending, due, TimeSpan.Zero, new ReminderBenchmark.Setup()));
Console.WriteLine($"Reminders: backlog of {due:N0} due, group commit off ...");
reminders.Add(await ReminderBenchmark.RunAsync(postgresReminders, "backlog (all due at once)", 1, pending, due, TimeSpan.Zero, new ReminderBenchmark.Setup().WithoutGroupCommit()));

// The embedded single-node store, with group commit on and off.
foreach (var setup in new[] { new ReminderBenchmark.Setup(), new ReminderBenchmark.Setup().WithoutGroupCommit() })
{
    Console.WriteLine($"Reminders on SQLite: backlog of {due:N0} due among {pending:N0} pending, {setup} ...");
    var store = await SqliteReminderBenchStore.CreateAsync(scratch.File($"reminders-{setup.GroupCommit}.db"));
    reminders.Add(await ReminderBenchmark.RunAsync(store, "backlog (all due at once)", 1, pending, due, TimeSpan.Zero, setup));
}

// The runtime's default dispatcher settings, with turns that only use CPU and with turns that wait
// for another system: in the second case each node's own pipeline (32 claimed per round, 4 rounds in
// flight) bounds its rate, and the backlog's rate grows with the node count.
foreach (var setup in new[] { ReminderBenchmark.Setup.RuntimeDefaults, ReminderBenchmark.Setup.RuntimeDefaults.WithTurnWait(50) })
{
    foreach (var nodes in new[] { 1, 3 })
    {
        Console.WriteLine($"Reminders: backlog of {due:N0} due on {nodes} node(s), {setup} ...");
        reminders.Add(await ReminderBenchmark.RunAsync(postgresReminders, "backlog (all due at once)", nodes, pending, due, TimeSpan.Zero, setup));
    }
}

// The deadline schedule of the side-by-side comparison: the due ones fall due evenly within one minute.
var minute = TimeSpan.FromSeconds(quick ? 10 : 60);
foreach (var nodes in new[] { 1, 3 })
{
    Console.WriteLine($"Reminders: {due:N0} due within {minute.TotalSeconds:N0} s on {nodes} node(s) ...");
    reminders.Add(await ReminderBenchmark.RunAsync(postgresReminders, $"due within {minute.TotalSeconds:N0} s ({due / minute.TotalSeconds:N0}/s offered)", nodes, pending, due, minute, new ReminderBenchmark.Setup()));
}

Console.WriteLine("Deadlines on Quartz.NET's clustered AdoJobStore, the peer ...");
var quartz = await QuartzSuite.RunAllAsync(server, pending, due, minute, quick);
var report = Report(machine, opens, pgbench, reminders, quick)
    + Environment.NewLine + QuartzSection.Render(quartz, reminders.Where(r => r.Storage == "PostgreSQL").Max(r => r.FiresPerSecond));
Console.WriteLine("End-to-end HTTP intake: silo and load generator processes, stepping the rate ...");
report += IntakeReport.Render(await IntakeBenchmark.RunAsync(server, quick, CancellationToken.None));
Console.WriteLine("Memory: bytes per activation, peak working set ...");
report += MemoryReport.Render(await MemoryBenchmark.RunAsync(server, quick, CancellationToken.None));
await File.WriteAllTextAsync(output, report);
Console.WriteLine(report);
Console.WriteLine($"Written to {output}");
return 0;

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

static string Report(Machine machine, List<OpenBenchmark.Result> opens, PgBench.Result pgbench, List<ReminderBenchmark.Result> reminders, bool quick)
{
    var c = CultureInfo.InvariantCulture;
    var s = new StringBuilder();
    s.AppendLine("# Performance");
    s.AppendLine();
    s.AppendLine("Measured by `dotnet run -c Release --project bench/TicketCluster.Benchmarks" + (quick ? " -- --quick" : "") + "`, which starts its own");
    s.AppendLine("durable PostgreSQL server (fsync and synchronous commit on, as in production) on the same machine,");
    s.AppendLine("runs every case below in one run, and writes this file. Numbers from one run; rerun to compare.");
    s.AppendLine("The last column says where the CPU went during each case: cores used by the benchmark process");
    s.AppendLine("(the node), by the PostgreSQL server, and the share of CPU time stolen from this virtual machine by");
    s.AppendLine("its host. High steal makes absolute numbers vary from run to run; compare rows of one run.");
    s.AppendLine();
    s.AppendLine("## Machine");
    s.AppendLine();
    s.AppendLine(c, $"- {machine.Cores} cores, {machine.Memory} memory; {machine.Os}; {machine.Runtime}; {machine.Postgres}, on the same machine");
    s.AppendLine();
    s.AppendLine("## Durable ticket opens");
    s.AppendLine();
    s.AppendLine("Each open is one ticket-grain turn committing the ticket's state, its query row, its two clock");
    s.AppendLine("reminders, two outbox events (customer and merchant) and its channel idempotency key in one write.");
    s.AppendLine(c, $"{opens[0].Concurrency} concurrent callers, closed loop. pgbench inserts the same rows (state of the same size), one");
    s.AppendLine("ticket per transaction, at the same concurrency against the same server: the naive limit.");
    s.AppendLine();
    s.AppendLine("| storage | group commit | batches in flight | opens/s | p50 ms | p99 ms | writes per batch | cores: app / PostgreSQL / steal |");
    s.AppendLine("|---|---|---:|---:|---:|---:|---:|---|");
    foreach (var r in opens)
    {
        s.AppendLine(c, $"| {r.Storage} | {(r.GroupCommit ? "on" : "off")} | {(r.GroupCommit ? r.BatchesInFlight.ToString(c) : "—")} | {r.PerSecond:N0} | {r.P50Ms:F1} | {r.P99Ms:F1} | {r.MeanBatch:F1} | {r.Cpu} |");
    }

    s.AppendLine(c, $"| pgbench, one ticket per transaction | — | {pgbench.Clients} connections | {pgbench.TransactionsPerSecond:N0} | (mean {pgbench.MeanLatencyMs:F1}) | — | 1 | {pgbench.Cpu} |");
    s.AppendLine();
    var best = opens.Where(o => o.Storage == "PostgreSQL").Max(o => o.PerSecond);
    s.AppendLine(c, $"Ratio, best PostgreSQL opens to pgbench: **{best / pgbench.TransactionsPerSecond:F2}x** (target: at least 2x).");
    var bestRow = opens.Where(o => o.Storage == "PostgreSQL").MaxBy(o => o.PerSecond)!;
    s.AppendLine(c, $"Server CPU per ticket, which steal does not skew: {1000 * bestRow.Cpu.PostgresCores / bestRow.PerSecond:F2} ms for an open against");
    s.AppendLine(c, $"{1000 * pgbench.Cpu.PostgresCores / pgbench.TransactionsPerSecond:F2} ms for pgbench's transaction, **{pgbench.Cpu.PostgresCores / pgbench.TransactionsPerSecond / (bestRow.Cpu.PostgresCores / bestRow.PerSecond):F2}x** less per ticket.");
    s.AppendLine();
    s.AppendLine("## Reminder firing");
    s.AppendLine();
    s.AppendLine("Reminders seeded in the database: the far ones 30 days ahead, then the due ones, falling due from two");
    s.AppendLine("seconds after their insert; the rate is taken from the first due time (or the nodes' start, if later)");
    s.AppendLine("to the last firing. Each firing is a grain turn that writes the grain's state and completes the");
    s.AppendLine("reminder in the same write. Lateness is fired − due; lost and duplicated are counted from the grains'");
    s.AppendLine("states.");
    s.AppendLine();
    s.AppendLine("| storage | scenario | nodes | dispatcher | pending | due | fires/s | lateness p50 ms | p99 ms | max ms | lost | duplicated | fence lost | cores: app / PostgreSQL / steal | CPU ms per fire |");
    s.AppendLine("|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|");
    foreach (var r in reminders)
    {
        s.AppendLine(c, $"| {r.Storage} | {r.Scenario} | {r.Nodes} | {r.Setup} | {r.Pending:N0} | {r.Due:N0} | {r.FiresPerSecond:N0} | {r.LatenessP50Ms:F0} | {r.LatenessP99Ms:F0} | {r.LatenessMaxMs:F0} | {r.Lost} | {r.Duplicated} | {r.FenceLost} | {r.Cpu} | {r.CpuMsPerFire:F3} |");
    }

    s.AppendLine();
    s.AppendLine("Targets: at least 5,000 fires/s with 1,000,000 pending, p99 lateness under 1 s, nothing lost or duplicated.");
    var byNodes = reminders.Where(r => r.Storage == "PostgreSQL" && r.Setup.TurnWaitMs > 0).ToList();
    s.AppendLine("The dispatcher column gives each node's settings: reminders claimed per round × rounds in flight,");
    s.AppendLine("and writes per group-commit batch × batches in flight (or one write per transaction, group commit");
    s.AppendLine("off). The first rows use the settings a PostgreSQL deployment should run with (docs/operations.md);");
    s.AppendLine("the rows with 32 × 4 and 64 × 1 are the runtime's defaults. The SQLite rows are the embedded");
    s.AppendLine("single-node store (one writer at a time; a reminder is due by the node's clock). Where turns only");
    s.AppendLine("use CPU, one node already keeps this machine's two cores busy (the nodes and PostgreSQL share");
    s.AppendLine("them), so three nodes add no rate here: the cores are the bound, not the node. Where each turn");
    s.AppendLine("waits for another system (50 ms, as for a notification), a node's pipeline");
    if (byNodes.Count == 2)
    {
        s.AppendLine(c, $"bounds its rate, and the backlog drains {byNodes[1].FiresPerSecond / byNodes[0].FiresPerSecond:F1}x as fast on three nodes as on one ({byNodes[0].FiresPerSecond:N0}/s → {byNodes[1].FiresPerSecond:N0}/s).");
    }

    s.AppendLine("A backlog's lateness is its own drain time (everything was due at once); in the spread schedules");
    s.AppendLine("lateness is the dispatcher's own: claim, load, turn and commit.");
    s.AppendLine();
    var fastest = reminders.Where(r => r.Storage == "PostgreSQL" && r.Spread == TimeSpan.Zero && r.Setup.TurnWaitMs == 0).MaxBy(r => r.FiresPerSecond)!;
    s.AppendLine("## What bounds these numbers, and the next steps");
    s.AppendLine();
    s.AppendLine(c, $"- Reminder firing costs {fastest.CpuMsPerFire:F3} ms of CPU per fire, node and server together (last column),");
    s.AppendLine("  so two cores shared by the node and PostgreSQL bound it. A fire is a grain turn that writes the");
    s.AppendLine("  grain's state and completes its reminder in one `tc_write` call; per round of claims the node runs");
    s.AppendLine("  one claim statement (`FOR UPDATE SKIP LOCKED`, updating the claimed rows in place, without index");
    s.AppendLine("  entries: schema version 6) and one read of the grains' states, and the turns' writes go out in");
    s.AppendLine("  group-commit batches. Statements are prepared on their second use: planning the batched state read");
    s.AppendLine("  on every call cost the server ten times its execution.");
    s.AppendLine("- Opens: PostgreSQL's CPU bounds them. Its time per open is `tc_write`'s statements (`--only opens");
    s.AppendLine("  --pg-stats`): the ticket query row with its five indexes, two outbox rows, two reminders, the state");
    s.AppendLine("  (about 4 KB of JSON, over the TOAST threshold: compressed with LZ4 since schema version 7, which");
    s.AppendLine("  halved the state insert's time against pglz), the idempotency key, and the PL/pgSQL call around");
    s.AppendLine("  them (about a quarter). More batches in flight overlap one batch's commit flush with the next");
    s.AppendLine("  batch's statements.");
    s.AppendLine("- Next steps, in order of expected gain: (1) write a batch's rows with set-based statements instead");
    s.AppendLine("  of one `tc_write` call per write; (2) claim and load a batch of reminders in one statement; (3) let");
    s.AppendLine("  a claim skip the rows this node already holds (each claim now walks past the reminders of the");
    s.AppendLine("  rounds still in flight); (4) keep a ticket's audit trail in an append-only table, which does not");
    s.AppendLine("  speed up an open (its rows move, they do not vanish) but keeps the writes of a long-lived ticket");
    s.AppendLine("  from growing with its history.");
    return s.ToString();
}

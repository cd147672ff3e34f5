using System.Globalization;
using System.Text;
using TicketCluster.Benchmarks.Reminders;
using static TicketCluster.Benchmarks.RuntimeBaseline;

namespace TicketCluster.Benchmarks;

/// <summary>The head of docs/performance.md (how it is measured, the machine) and its sections on durable
/// opens and reminder firing, each with the home-made runtime's figures beside this run's.</summary>
internal static class OpensAndRemindersReport
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Render(Machine machine, List<OpenBenchmark.Result> opens, PgBench.Result pgbench, List<ReminderBenchmark.Result> reminders, RuntimeBaseline baseline, bool quick)
    {
        var s = new StringBuilder();
        s.AppendLine("# Performance");
        s.AppendLine();
        if (quick)
        {
            s.AppendLine("**The figures below are a quick smoke run (`-- --quick`: small counts, 4 s steps) on a machine shared");
            s.AppendLine("with other builds, which shows that every case produces its rows; they are not the product's numbers.");
            s.AppendLine("The full run on a quiet machine is pending.**");
            s.AppendLine();
        }

        s.AppendLine("Measured by `dotnet run -c Release --project bench/TicketCluster.Benchmarks" + (quick ? " -- --quick" : "") + "`, which starts its own");
        s.AppendLine("durable PostgreSQL server (fsync and synchronous commit on, as in production) on the same machine,");
        s.AppendLine("runs every case below in one run on Microsoft Orleans 10.4.2 (silos in the benchmark's process, or the");
        s.AppendLine("node as a process of its own for HTTP intake), and writes this file. Numbers from one run; rerun to compare.");
        s.AppendLine(C, $"Each section sets its figures beside the home-made runtime's (column \"home-made runtime\"), read from");
        s.AppendLine(C, $"`bench/baselines/runtime.json`: the run of {baseline.Commit} ({baseline.Date}), kept as `docs/performance-runtime.md`.");
        s.AppendLine("That run used the full counts on a quiet machine; a quick run's figures are not comparable with it.");
        s.AppendLine("The cores columns say where the CPU went during each case: cores used by the benchmark process");
        s.AppendLine("(the silo), by the PostgreSQL server, and the share of CPU time stolen from this virtual machine by");
        s.AppendLine("its host. High steal makes absolute numbers vary from run to run; compare rows of one run.");
        s.AppendLine();
        s.AppendLine("## Machine");
        s.AppendLine();
        s.AppendLine(C, $"- {machine.Cores} cores, {machine.Memory} memory; {machine.Os}; {machine.Runtime}; {machine.Postgres}, on the same machine");
        s.AppendLine();
        RenderOpens(s, opens, pgbench, baseline);
        RenderReminders(s, reminders, baseline);
        return s.ToString();
    }

    private static void RenderOpens(StringBuilder s, List<OpenBenchmark.Result> opens, PgBench.Result pgbench, RuntimeBaseline baseline)
    {
        s.AppendLine("## Durable ticket opens (grain level, no HTTP)");
        s.AppendLine();
        s.AppendLine("One silo in the benchmark's process: on PostgreSQL the project's grain storage provider and reminder table");
        s.AppendLine("(`PostgresReminderTable`, group commit) with Orleans' stock ADO.NET clustering, and one row with Orleans'");
        s.AppendLine("stock ADO.NET reminder table instead (one transaction per upsert) for comparison; on SQLite the project's");
        s.AppendLine("provider and reminder table. An open is");
        s.AppendLine("an intake routed to a new ticket grain (`ITicketGrain.OpenOrMergeAsync`): the ticket's state, query row");
        s.AppendLine("and intake keys in one provider write (group commit inside the provider), then its two clock reminders");
        s.AppendLine("registered in the reminder table (one upsert each), then the answer; the pushes to its");
        s.AppendLine("customer and merchant grains follow after it. Provider-only: the same ticket states (a real ticket's,");
        s.AppendLine("with its ids replaced) written straight through the silo's provider, no grain and no reminders.");
        s.AppendLine(C, $"{opens[0].Concurrency} concurrent callers, closed loop, each measure on the same fresh silo after {OpenBenchmark.WarmUp.TotalSeconds:N0} s of");
        s.AppendLine(C, $"its load, not measured ({OpenBenchmark.QuickWarmUp.TotalSeconds:N0} s in a quick run): the silo's code compiled first (step 21). pgbench inserts an");
        s.AppendLine("open's rows (state of the same size, query row, intake key, two rows of Orleans' reminder table),");
        s.AppendLine("one ticket per transaction, at the same concurrency against the same server: the naive limit.");
        s.AppendLine();
        s.AppendLine("| storage | reminder table | group commit | batches in flight | opens/s | p50 ms | p99 ms | provider-only writes/s | p50 ms | p99 ms | cores (opens): app / PostgreSQL / steal | cores (writes) |");
        s.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|");
        foreach (var r in opens)
        {
            var (o, w) = (r.Opens, r.ProviderWrites);
            s.AppendLine(C, $"| {r.Storage} | {r.ReminderTable} | {(r.GroupCommit ? "on" : "off")} | {(r.GroupCommit ? r.BatchesInFlight.ToString(C) : "—")} | {o.PerSecond:N0} | {o.P50Ms:F1} | {o.P99Ms:F1} | {w.PerSecond:N0} | {w.P50Ms:F1} | {w.P99Ms:F1} | {o.Cpu} | {w.Cpu} |");
        }

        s.AppendLine(C, $"| pgbench, one ticket per transaction | — | — | {pgbench.Clients} connections | {pgbench.TransactionsPerSecond:N0} | (mean {pgbench.MeanLatencyMs:F1}) | — | — | — | — | {pgbench.Cpu} | — |");
        s.AppendLine();
        var postgres = opens.Where(o => o.Storage == "PostgreSQL").ToList();
        var best = postgres.MaxBy(o => o.Opens.PerSecond)!;
        var bestWrites = postgres.Max(o => o.ProviderWrites.PerSecond);
        var sqlite = opens.Where(o => o.Storage == "SQLite").Max(o => o.Opens.PerSecond);
        var old = baseline.BestPostgresOpens;
        var oldSqlite = baseline.Opens.Rows.Where(r => r.Storage == "SQLite").Max(r => r.PerSecond);
        s.AppendLine(Table(
        [
            ("best PostgreSQL opens/s", N(best.Opens.PerSecond), N(old.PerSecond)),
            ("its p99 ms", N(best.Opens.P99Ms, 1), N(old.P99Ms, 1)),
            ("best PostgreSQL provider-only writes/s", N(bestWrites), "— (an open was one write)"),
            ("pgbench, one ticket per transaction, tickets/s", N(pgbench.TransactionsPerSecond), N(baseline.Opens.Pgbench.PerSecond)),
            ("best opens / pgbench (target: at least 2x)", N(best.Opens.PerSecond / pgbench.TransactionsPerSecond, 2) + "x", N(old.PerSecond / baseline.Opens.Pgbench.PerSecond, 2) + "x"),
            ("provider-only writes / pgbench", N(bestWrites / pgbench.TransactionsPerSecond, 2) + "x", "—"),
            ("best SQLite opens/s", N(sqlite), N(oldSqlite)),
        ]));
        s.AppendLine("What bounds them: see \"Profile and steps\" below (the round trips per open, the CPU per open and what");
        s.AppendLine("each step changed). The provider-only rate is the state writes alone, group committed, so the gap");
        s.AppendLine("between the two rates is what the rest of the open costs: the reminder registrations, Orleans'");
        s.AppendLine("messaging and the grain's turn. On this shared 2-core machine the silo's own CPU (Orleans' messaging,");
        s.AppendLine("the grain, JSON) competes with PostgreSQL's (the cores columns).");
        s.AppendLine();
    }

    private static void RenderReminders(StringBuilder s, List<ReminderBenchmark.Result> reminders, RuntimeBaseline baseline)
    {
        var first = reminders[0];
        s.AppendLine("## Reminder firing");
        s.AppendLine();
        s.AppendLine(C, $"Orleans' reminder service on one silo (the project's reminder table on PostgreSQL, group commit) with {first.Pending:N0} reminders");
        s.AppendLine("pending: the far ones 30 days ahead, the due ones either all due before the silo starts (the backlog a");
        s.AppendLine("silo finds after an outage) or falling due evenly over a window that begins once the silo has started. The");
        s.AppendLine("rows are copied into the table (with the hash Orleans computes) before the silo starts; at start the");
        s.AppendLine("reminder service reads its whole ring range and keeps the reminders due within");
        s.AppendLine("`ReminderOptions.ReminderLoadingWindow` (10 min by default) in memory, each with its own timer. Each");
        s.AppendLine("firing is a grain turn that writes the grain's state through the project's provider and unregisters");
        s.AppendLine("the reminder (a read and a delete of its row), as a ticket does with a handled one-shot tick. The rate");
        s.AppendLine("runs from the first firing to the due-th (the last, unless a tick fired twice); lateness is fired − due. A tick that fell due while no silo held");
        s.AppendLine("it fires at the next point of its period grid (`StartAt + k × Period`; the node's period, 10 s), so the");
        s.AppendLine("backlog's lateness includes up to that period and its rate is the drain after it, where the home-made runtime");
        s.AppendLine("fired an overdue reminder at once; this is the bound docs/operations.md states. The silo has the node's");
        s.AppendLine("bound of 256 reminder ticks in flight (`Reminders:MaxConcurrentDeliveries`). Lost and duplicated are");
        s.AppendLine("counted from the grains' states. Cores and CPU per fire are sampled over the drain (first firing to the");
        s.AppendLine("due-th). Working set: this process's, just before the silo starts and its peak while it fires (sampled every 100 ms).");
        s.AppendLine();
        s.AppendLine("| scenario | pending | due | fires/s | lateness p50 ms | p99 ms | max ms | lost | duplicated | working set before / peak MiB | added per due reminder | seed s | cores: app / PostgreSQL / steal | CPU ms per fire |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---|---:|");
        foreach (var r in reminders)
        {
            s.AppendLine(C, $"| {r.Scenario} | {r.Pending:N0} | {r.Due:N0} | {r.FiresPerSecond:N0} | {r.LatenessP50Ms:F0} | {r.LatenessP99Ms:F0} | {r.LatenessMaxMs:F0} | {r.Lost} | {r.Duplicated} | {Mib(r.WorkingSetBeforeBytes)} / {Mib(r.WorkingSetPeakBytes)} | {Kib(r.AddedBytesPerDue)} | {r.SeedSeconds:F1} | {r.Cpu} | {r.CpuMsPerFire:F3} |");
        }

        s.AppendLine();
        var backlog = reminders.First(r => r.Spread == TimeSpan.Zero);
        var steady = reminders.First(r => r.Spread > TimeSpan.Zero);
        var (oldBacklog, oldSteady) = (baseline.PostgresBacklog, baseline.PostgresSteady);
        s.AppendLine(Table(
        [
            ("backlog fires/s (target: at least 5,000 with 1,000,000 pending)", N(backlog.FiresPerSecond), N(oldBacklog.FiresPerSecond)),
            ("backlog lateness p99 ms (runtime: its drain; Orleans: up to one period, 10 s, then the drain)", N(backlog.LatenessP99Ms), N(oldBacklog.LatenessP99Ms)),
            ("steady lateness p99 ms (target: under 1 s)", N(steady.LatenessP99Ms), N(oldSteady.LatenessP99Ms)),
            ("CPU ms per fire, silo and PostgreSQL (backlog)", N(backlog.CpuMsPerFire, 3), N(oldBacklog.CpuMsPerFire, 3)),
            ("lost / duplicated (all rows)", $"{reminders.Sum(r => r.Lost)} / {reminders.Sum(r => r.Duplicated)}", $"{baseline.Reminders.Sum(r => r.Lost)} / {baseline.Reminders.Sum(r => r.Duplicated)}"),
            ("pending / due", $"{N(backlog.Pending)} / {N(backlog.Due)}", $"{N(oldBacklog.Pending)} / {N(oldBacklog.Due)}"),
        ]));
        s.AppendLine("What bounds them: a fire is the grain's state write and the reminder row's delete, each shared in a");
        s.AppendLine("group-commit batch, and the row's read (Orleans' `GetReminder`), against one batched write per fire in");
        s.AppendLine("the home-made runtime; and a reminder is fired by a timer of the silo that");
        s.AppendLine("holds it in memory. The working set grows with the reminders due within the loading window, which");
        s.AppendLine("Orleans holds in memory (the plan's measured figure is about 2.5 KB each, so a million due at once needs");
        s.AppendLine("about 2.5 GB across the silos: docs/orleans.md, 13.2), and with the activations of the grains that fired,");
        s.AppendLine("which stay for the collection age: the \"added per due reminder\" column is both together, divided by the");
        s.AppendLine("due count. The far ones cost only the start-up read of the silo's ring range. Three silos with turns");
        s.AppendLine("that wait for another system: the next section. Not retargeted: the runs on three silos whose turns only");
        s.AppendLine("use CPU, the SQLite reminder table and the dispatcher settings (Orleans has none of the home-made");
        s.AppendLine("runtime's claim batches or rounds); the home-made runtime's rows for them stay in docs/performance-runtime.md.");
        s.AppendLine();
    }

    private static string Mib(long bytes) => N(bytes / 1024.0 / 1024.0);

    private static string Kib(double bytes) => N(bytes / 1024.0, 1) + " KiB";
}

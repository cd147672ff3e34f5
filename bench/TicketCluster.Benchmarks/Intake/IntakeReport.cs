using System.Globalization;
using System.Text;

namespace TicketCluster.Benchmarks.Intake;

/// <summary>The markdown section of <see cref="IntakeBenchmark"/> in docs/performance.md.</summary>
internal static class IntakeReport
{
    public static string Render(IntakeBenchmark.Result r, RuntimeBaseline baseline)
    {
        var s = new StringBuilder(Steps(r));
        s.AppendLine();
        s.AppendLine(RuntimeBaseline.Table(
        [
            ("best intake rate meeting the target, /s", r.Best is { } b ? RuntimeBaseline.N(b.AchievedRate) : "none", RuntimeBaseline.N(baseline.Intake.BestAchieved)),
            ("its p99 ms", r.Best is { } p ? RuntimeBaseline.N(p.P99Ms, 1) : "—", RuntimeBaseline.N(baseline.Intake.BestP99Ms, 1)),
        ]));
        return s.ToString();
    }

    private static string Steps(IntakeBenchmark.Result r)
    {
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.AppendLine();
        s.AppendLine("## End-to-end HTTP intake (silo and load generator as processes)");
        s.AppendLine();
        s.AppendLine("The harness is the home-made runtime's, unchanged: it runs the node as built, which is on Orleans once");
        s.AppendLine("the node's switch has landed (until then this section still measures the home-made runtime's node).");
        s.AppendLine("The outbox it drains between steps is the home-made runtime's; on Orleans it stays empty and the pushes");
        s.AppendLine("to customer and merchant grains are not waited for.");
        s.AppendLine();
        s.AppendLine("The silo users run (`dotnet TicketCluster.Silo.dll`, Release, default settings) on a loopback port");
        s.AppendLine("against a fresh database of the same PostgreSQL server, driven over HTTP by the load generator");
        s.AppendLine("(`tools/TicketCluster.LoadGen`) as a process of its own: `POST /api/v1/tickets` only (`--follow-ups off`),");
        s.AppendLine("constant arrival rate (open model: latency runs from each intake's intended send time), bearer tokens");
        s.AppendLine("signed with the silo's key, the default mix of channels, categories, severities, repeat complaints and");
        s.AppendLine("cross-channel duplicates (which merge into open tickets). Each intake is authenticated, validated,");
        s.AppendLine("classified, run as a ticket-grain turn and committed (state, query row, reminders, outbox events,");
        s.AppendLine("idempotency key) before its 201; the outbox then feeds the customer and merchant grains in the");
        s.AppendLine(c, $"background, and is drained between steps. Steps of {r.StepDuration.TotalSeconds:N0} s, after a {r.WarmUp.TotalSeconds:N0} s warm-up at 50/s;");
        s.AppendLine(c, $"a step is good with p99 under {IntakeBenchmark.P99LimitMs:N0} ms, errors under 0.1 % and the achieved rate within 3 % of the offered.");
        s.AppendLine("A step that misses runs once more before it counts as missed (one noisy step on a shared machine does not");
        s.AppendLine("end the search); both runs are in the table.");
        s.AppendLine("Cores are CPU seconds per second while the load was offered: the silo process, the load generator,");
        s.AppendLine("the PostgreSQL server, everything else on the machine (the benchmark program, and any other work");
        s.AppendLine("sharing it, which takes CPU from this case), and the share of the machine's CPU time stolen by its host.");
        s.AppendLine();
        s.AppendLine("| offered/s | achieved/s | p50 ms | p99 ms | p99.9 ms | max ms | errors % | errors by kind | shed | good | silo CPU ms per intake | cores: silo / load generator / PostgreSQL / others / steal |");
        s.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---|---:|---|---:|---|");
        foreach (var step in r.Steps)
        {
            s.AppendLine(c, $"| {step.OfferedRate:N0} | {step.AchievedRate:N0} | {step.P50Ms:F1} | {step.P99Ms:F1} | {step.P999Ms:F1} | {step.MaxMs:F0} | {step.ErrorPercent:F2} | {(step.ErrorKinds.Length == 0 ? "–" : step.ErrorKinds)} | {step.Shed:N0} | {(step.MeetsTarget(IntakeBenchmark.P99LimitMs) ? "yes" : "no")} | {1000 * step.SiloCores / step.AchievedRate:F1} | {step.SiloCores:F2} / {step.LoadGenCores:F2} / {step.PostgresCores:F2} / {step.OtherCores:F2} / {step.StealPercent:F0} % |");
        }

        s.AppendLine();
        s.AppendLine("Silo CPU per intake is the silo's cores over the achieved rate: it includes the background work each");
        s.AppendLine("intake causes (the outbox deliveries to its customer and merchant grains). What the steps left stored:");
        if (r.ReferenceStatements is { } counted && (r.Best ?? r.Steps[0]) is { Offered: > 0 } at)
        {
            var per = counted.Per(at.Offered);
            s.AppendLine();
            s.AppendLine(c, $"Statements the server ran per intake at the {(r.Best is null ? "first" : "best")} step ({at.OfferedRate:N0}/s; pg_stat_statements, top-level calls, the");
            s.AppendLine("pushes to customer and merchant grains after each answer included): state reads on activation");
            s.AppendLine(c, $"{per.StateReads:F2}, state writes (`tc_state_write`, group committed) {per.StateWrites:F2}, reminder table statements (batched)");
            s.AppendLine(c, $"{per.Reminders:F2}, intake-key lookups {per.KeyLookups:F2}; {per.All:F2} in all (membership and the sweeper's reads among the rest). A");
            s.AppendLine("group-committed batch is one round trip for all of its statements, so the round trips in an intake's own");
            s.AppendLine("path are fewer: its key lookups, the customer's activation read (a new ticket's is not read: docs/storage.md,");
            s.AppendLine("\"A new grain\"), the customer's routing write's batch, the ticket's write batch and its reminder batch, one");
            s.AppendLine("after another.");
        }

        s.AppendLine();
        s.AppendLine("| grain | count | mean state bytes | largest state bytes |");
        s.AppendLine("|---|---:|---:|---:|");
        foreach (var state in r.States)
        {
            s.AppendLine(c, $"| {state.GrainType} | {state.Count:N0} | {state.MeanBytes:N0} | {state.MaxBytes:N0} |");
        }

        s.AppendLine();
        s.AppendLine(c, $"pgbench on the same server, the silo stopped, doing an intake's inserts (state of the tickets' mean stored size, {r.StateBytes:N0} bytes,");
        s.AppendLine("as repeated filler, which compresses better than a ticket's JSON; query row; idempotency key; two rows of");
        s.AppendLine("Orleans' reminder table). The first row runs at the intake's concurrency by Little's law: the best step's (the");
        s.AppendLine("first step's when none was good) achieved rate × its mean latency, estimated from its percentiles; at");
        s.AppendLine("least 1 client, at most 200.");
        s.AppendLine();
        s.AppendLine("| pgbench | clients | tickets/s | mean latency ms | cores: PostgreSQL / steal |");
        s.AppendLine("|---|---:|---:|---:|---|");
        s.AppendLine(c, $"| one ticket per transaction, intake's concurrency | {r.PgBenchAtIntakeConcurrency.Clients} | {r.PgBenchAtIntakeConcurrency.TransactionsPerSecond:N0} | {r.PgBenchAtIntakeConcurrency.MeanLatencyMs:F1} | {Cpu(r.PgBenchAtIntakeConcurrency)} |");
        s.AppendLine(c, $"| one ticket per transaction | {r.PgBenchAt64.Clients} | {r.PgBenchAt64.TransactionsPerSecond:N0} | {r.PgBenchAt64.MeanLatencyMs:F1} | {Cpu(r.PgBenchAt64)} |");
        s.AppendLine(c, $"| {IntakeBenchmark.BatchTickets:N0} tickets per transaction (`INSERT … SELECT generate_series`) | {r.BatchClients} | {r.PgBenchBatched.TransactionsPerSecond * IntakeBenchmark.BatchTickets:N0} | {r.PgBenchBatched.MeanLatencyMs:F1} per transaction | {Cpu(r.PgBenchBatched)} |");
        s.AppendLine();
        var pg = r.PgBenchBest;
        if (r.Best is not { } best)
        {
            var first = r.Steps[0];
            s.AppendLine(c, $"No step met the target: the lowest offered rate, {first.OfferedRate:N0}/s, already missed it (p99 {first.P99Ms:F1} ms), against");
            s.AppendLine(c, $"pgbench's {pg.TransactionsPerSecond:N0} tickets/s one per transaction. At that step the machine's {Environment.ProcessorCount} cores went to the silo ({first.SiloCores:F2}),");
            s.AppendLine(c, $"the load generator ({first.LoadGenCores:F2}), PostgreSQL ({first.PostgresCores:F2}) and other work ({first.OtherCores:F2}), with {first.StealPercent:F0} % stolen: {Bound(first)}");
            return s.ToString();
        }

        var ratio = best.AchievedRate / pg.TransactionsPerSecond;
        s.AppendLine(c, $"Best intake rate meeting the target: **{best.AchievedRate:N0}/s** (p99 {best.P99Ms:F1} ms). Ratio to pgbench's better");
        s.AppendLine(c, $"one-ticket-per-transaction rate ({pg.TransactionsPerSecond:N0}/s at {pg.Clients} clients): **{ratio:F2}x** (target: at least 1x, aim 2x, with p99 under {IntakeBenchmark.P99LimitMs:N0} ms);");
        s.AppendLine(c, $"{100 * best.AchievedRate / (r.PgBenchBatched.TransactionsPerSecond * IntakeBenchmark.BatchTickets):F0} % of the batched hardware limit.");
        if (ratio < 1)
        {
            s.AppendLine(c, $"The target is missed by {pg.TransactionsPerSecond - best.AchievedRate:N0} intakes/s ({1 / ratio:F2}x short). At the best step the machine's");
            s.AppendLine(c, $"{Environment.ProcessorCount} cores went to the silo ({best.SiloCores:F2}), the load generator ({best.LoadGenCores:F2}), PostgreSQL ({best.PostgresCores:F2}) and other work ({best.OtherCores:F2}),");
            s.AppendLine(c, $"with {best.StealPercent:F0} % stolen: {Bound(best)}");
        }

        return s.ToString();
    }

    private static string Cpu(PgBench.Result r) => string.Create(CultureInfo.InvariantCulture, $"{r.Cpu.PostgresCores:F2} / {r.Cpu.StealPercent:F0} %");

    /// <summary>Names what took the CPU at the best step.</summary>
    private static string Bound(LoadGenStep.Result best)
    {
        var used = best.SiloCores + best.LoadGenCores + best.PostgresCores + best.OtherCores;
        var available = Environment.ProcessorCount * (1 - (best.StealPercent / 100));
        var largest = new[] { ("the silo process", best.SiloCores), ("the load generator", best.LoadGenCores), ("PostgreSQL", best.PostgresCores), ("other work on the machine", best.OtherCores) }.MaxBy(p => p.Item2);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{used:F2} of the {available:F2} cores left after steal were busy, the largest share in {largest.Item1} ({100 * largest.Item2 / used:F0} %). The silo, its load generator and its database share one machine here, so the HTTP path's CPU (the silo and the generator) is taken from PostgreSQL's; pgbench's client is a small C program.");
    }
}

using System.Globalization;
using System.Text;

namespace TicketCluster.Benchmarks.Memory;

/// <summary>The markdown section of <see cref="MemoryBenchmark"/> in docs/performance.md.</summary>
internal static class MemoryReport
{
    public static string Render(MemoryBenchmark.Result r, RuntimeBaseline baseline)
    {
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.AppendLine();
        s.AppendLine("## Memory");
        s.AppendLine();
        s.AppendLine(c, $"Bytes per ticket activation: {r.Activations:N0} real tickets opened through the ticket grain on one silo; a fresh");
        s.AppendLine("silo with the real grains on the same PostgreSQL server reads each once; the managed heap after a full");
        s.AppendLine("collection before and after, divided by the activations added (the management grain's count, so an");
        s.AppendLine("activation a read caused elsewhere, such as a party grain a pending push woke, counts too). An activation");
        s.AppendLine("holds the grain with its deserialized state (the ticket record and its audit trail, pending pushes),");
        s.AppendLine("Orleans' activation data (its catalog entry, message queue, grain timer of the reconciliation) and its");
        s.AppendLine("persistent state's ETag.");
        s.AppendLine();
        s.AppendLine("Peak working set (the first column under \"Touched tickets under a bound\"): a silo (the benchmark program");
        s.AppendLine("re-invoked as a child process, so the peak is its own)");
        s.AppendLine("touches every one of the tickets once (a read through the ticket grain, 32 at a time). Orleans has no");
        s.AppendLine("activation cap: an idle activation is collected after `GrainCollectionOptions.CollectionAge` (15 min by");
        s.AppendLine("default, longer than the run) and shedding on memory pressure is off by Orleans' default (the node turns");
        s.AppendLine("it on: below), so every ticket touched stays active, where the home-made runtime evicted beyond its cap of");
        s.AppendLine("100,000. Each activation also reads");
        s.AppendLine(c, $"its reminder rows (reconciliation). The tickets are copies of a real ticket's rows (state, query row,");
        s.AppendLine(c, $"reminder rows) made with SQL and COPY in {r.SeedSeconds:N0} s, each with its own id inside its state. Server GC, as in the silo.");
        s.AppendLine();
        s.AppendLine("| measure | value |");
        s.AppendLine("|---|---:|");
        s.AppendLine(c, $"| managed bytes per ticket activation | {r.BytesPerActivation:N0} |");
        s.AppendLine(c, $"| activations added / tickets read | {r.ActivationsAdded:N0} / {r.Activations:N0} |");
        s.AppendLine(c, $"| stored state per ticket (JSON) | {r.StoredStateBytes:N0} |");
        s.AppendLine();
        RenderBound(s, r.Peak, r.Bounded);
        var m = baseline.Memory;
        var b = r.Bounded;
        s.AppendLine("Against the home-made runtime, whose cap of 100,000 activations bounded its memory, the bounded run:");
        s.AppendLine();
        s.AppendLine(RuntimeBaseline.Table(
        [
            ("managed bytes per ticket activation", RuntimeBaseline.N(r.BytesPerActivation), RuntimeBaseline.N(m.BytesPerActivation)),
            ("tickets touched", RuntimeBaseline.N(b.Touched), RuntimeBaseline.N(m.TicketsTouched)),
            ("activations at the end", $"{RuntimeBaseline.N(b.ActivationsAtEnd)} (limit {Mib(b.Bound!.HeapHardLimitBytes)})", $"{RuntimeBaseline.N(m.ActivationsAtEnd)} (cap {RuntimeBaseline.N(m.ActivationCap)})"),
            ("peak working set MiB", RuntimeBaseline.N(b.PeakWorkingSetBytes / 1024.0 / 1024.0), RuntimeBaseline.N(m.PeakWorkingSetMiB)),
            ("activations/s while touching", RuntimeBaseline.N(b.Touched / b.Seconds), RuntimeBaseline.N(m.TicketsTouched / m.TouchSeconds)),
        ]));
        s.AppendLine("""
            What bounds them: with no bound the working set grows with the tickets touched within the collection
            age (`TicketCluster:Orleans:GrainCollection:CollectionAge`, 15 min), by the bytes per activation above.
            Shedding holds it near the limit: the activations a silo keeps are what fits in the limit percentage
            less the silo's own baseline, and the limit needs headroom for what is touched in one polling period
            (docs/operations.md, "Memory").
            """);
        RenderReminders(s, r.Reminders);
        return s.ToString();
    }

    private static void RenderBound(StringBuilder s, MemoryChild.Result unbounded, MemoryChild.Result bounded)
    {
        var c = CultureInfo.InvariantCulture;
        var bound = bounded.Bound!;
        s.AppendLine(c, $"""
            ### Touched tickets under a bound

            The same tickets ({bounded.Touched:N0}; the unbounded run touched the first {unbounded.Touched:N0}) touched again
            by a fresh child silo that sheds as the node does by default:
            `TicketCluster:Orleans:GrainCollection:ActivationShedding` true (Orleans'
            `EnableActivationSheddingOnMemoryPressure`), `MemoryUsageLimitPercentage` {bound.LimitPercentage}, `MemoryUsageTargetPercentage`
            {bound.TargetPercentage}, `MemoryUsagePollingPeriod` {bound.PollingSeconds} s, its grain directory cache bounded as the node's
            (`TicketCluster:Orleans:GrainDirectory:CacheSize` {BenchSilo.GrainDirectoryCacheSize:N0}; both runs), against a memory limit of {Mib(bound.HeapHardLimitBytes)}: the runtime's heap hard
            limit (`DOTNET_GCHeapHardLimit`; in a container with a memory limit the runtime sets it to 75 % of that
            limit). Orleans 10.4.2 measures the GC's committed bytes less its fragmentation (smoothed) against that
            limit every polling period, after a gen-2 collection since its last shedding, and above the limit
            percentage deactivates the longest-idle activations until the target percentage would be met. The working
            set is sampled as each quarter of the tickets has been touched; the most activations are polled each second.

            """);
        s.AppendLine("| measure | no bound (Orleans' grain collection defaults) | shedding under the limit |");
        s.AppendLine("|---|---:|---:|");
        s.AppendLine(c, $"| memory limit | none | {Mib(bound.HeapHardLimitBytes)} |");
        s.AppendLine(c, $"| tickets touched | {unbounded.Touched:N0} | {bounded.Touched:N0} |");
        s.AppendLine(c, $"| most activations seen / at the end | {unbounded.MaxActivations:N0} / {unbounded.ActivationsAtEnd:N0} | {bounded.MaxActivations:N0} / {bounded.ActivationsAtEnd:N0} |");
        s.AppendLine(c, $"| working set at ¼, ½, ¾, all touched (MiB) | {Quarters(unbounded)} | {Quarters(bounded)} |");
        s.AppendLine(c, $"| peak working set | {Mib(unbounded.PeakWorkingSetBytes)} | {Mib(bounded.PeakWorkingSetBytes)} |");
        s.AppendLine(c, $"| managed heap at the end (after a full collection) | {Mib(unbounded.ManagedHeapBytes)} | {Mib(bounded.ManagedHeapBytes)} |");
        s.AppendLine(c, $"| time to touch them all | {unbounded.Seconds:N1} s | {bounded.Seconds:N1} s |");
        s.AppendLine(c, $"| activations/s while touching | {unbounded.Touched / unbounded.Seconds:N0} | {bounded.Touched / bounded.Seconds:N0} |");
        s.AppendLine(c, $"| reads that timed out (30 s) | {unbounded.TimedOut:N0} | {bounded.TimedOut:N0} |");
        s.AppendLine();
    }

    private static void RenderReminders(StringBuilder s, ReminderMemory.Result r)
    {
        var c = CultureInfo.InvariantCulture;
        s.AppendLine();
        s.AppendLine(c, $"""
            ### Registered reminders

            {r.Pending:N0} reminder rows of the benchmark's grains copied into a database of their own with COPY
            ({r.SeedSeconds:N0} s); a silo with the node's reminder table, in a child process, measured once its reminder
            service has made its initial load (the working set then, the peak working set, the managed heap after a full
            collection). In Orleans 10.4.2 the reminder service of each silo reads every row of its ring range, at its
            start (in the background: the silo does not wait for it) and every `ReminderOptions.RefreshReminderListPeriod`
            (5 min), and holds in memory, each with its timer, only the reminders whose next tick falls within
            `ReminderLoadingWindow` (10 min by default; Orleans requires it to be at least the refresh period); the
            others stay in the table until a refresh finds them inside the window, and a held one whose next tick moves
            beyond it is dropped. The rows read are counted and the load's range reads timed (first start to last end)
            through a wrapper of the reminder table; the reminders held are Orleans' `orleans-reminders-active` gauge.
            The tenth inside the window (by grain hash) falls due {ReminderMemory.InsideLead.TotalMinutes:N0} min after it was moved, after the measurement.

            """);
        s.AppendLine("| placement | loading window | rows read | inside the window | held | initial range read | working set | peak working set | managed heap |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in r.Placements)
        {
            var silo = p.Silo;
            s.AppendLine(c, $"| {p.Name} | {Window(silo.Window)} | {silo.RowsRead:N0} | {p.Inside:N0} | {silo.Held:N0} | {silo.ReadSeconds:N2} s ({silo.RangeReads} read{(silo.RangeReads == 1 ? "" : "s")}) | {Mib(silo.WorkingSetBytes)} | {Mib(silo.PeakWorkingSetBytes)} | {Mib(silo.ManagedHeapBytes)} |");
        }

        s.AppendLine();
        var far = r.Far.Silo;
        var none = r.Placements[0].Silo;
        s.AppendLine("| per reminder | managed heap | working set |");
        s.AppendLine("|---|---:|---:|");
        foreach (var p in r.Placements.Where(p => p.Silo.Held > 0))
        {
            s.AppendLine(c, $"| held ({p.Name}), over the far rows' run | {(p.Silo.ManagedHeapBytes - far.ManagedHeapBytes) / (double)p.Silo.Held:N0} B | {(p.Silo.WorkingSetBytes - far.WorkingSetBytes) / (double)p.Silo.Held:N0} B |");
        }

        s.AppendLine(c, $"| outside the window (all 30 days ahead), over no reminders | {(far.ManagedHeapBytes - none.ManagedHeapBytes) / (double)r.Pending:N0} B | {(far.WorkingSetBytes - none.WorkingSetBytes) / (double)r.Pending:N0} B (peak {(far.PeakWorkingSetBytes - none.PeakWorkingSetBytes) / (double)r.Pending:N0} B) |");
        s.AppendLine();
        s.AppendLine("""
            What bounds them: a reminder outside the loading window costs a silo only its part of each refresh's read
            (transient: the rows of the range are read and dropped); one inside it is held with its timer. The
            reminders held are those due within the window, so a silo's reminder memory follows the deadlines due
            in the next 10 minutes, not the number registered.
            """);
    }

    private static string Quarters(MemoryChild.Result r) =>
        string.Join(" / ", (r.WorkingSetByQuarter ?? []).Select(b => (b / 1024.0 / 1024.0).ToString("N0", CultureInfo.InvariantCulture)));

    private static string Window(TimeSpan window) =>
        window.TotalDays >= 1 ? $"{window.TotalDays:N0} days" : $"{window.TotalMinutes:N0} min";

    private static string Mib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:N0} MiB");
}

using System.Globalization;
using System.Text;

namespace TicketCluster.Benchmarks.Memory;

/// <summary>The markdown section of <see cref="MemoryBenchmark"/> in docs/performance.md.</summary>
internal static class MemoryReport
{
    public static string Render(MemoryBenchmark.Result r, RuntimeBaseline baseline)
    {
        var c = CultureInfo.InvariantCulture;
        var p = r.Peak;
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
        s.AppendLine("Peak working set: a silo (the benchmark program re-invoked as a child process, so the peak is its own)");
        s.AppendLine("touches every one of the tickets once (a read through the ticket grain, 32 at a time). Orleans has no");
        s.AppendLine("activation cap: an idle activation is collected after `GrainCollectionOptions.CollectionAge` (15 min by");
        s.AppendLine("default, longer than the run) and shedding on memory pressure is off by default, so every ticket touched");
        s.AppendLine("stays active, where the home-made runtime evicted beyond its cap of 100,000. Each activation also reads");
        s.AppendLine(c, $"its reminder rows (reconciliation). The tickets are copies of a real ticket's rows (state, query row,");
        s.AppendLine(c, $"reminder rows) made with SQL and COPY in {r.SeedSeconds:N0} s, each with its own id inside its state. Server GC, as in the silo.");
        s.AppendLine();
        s.AppendLine("| measure | value |");
        s.AppendLine("|---|---:|");
        s.AppendLine(c, $"| managed bytes per ticket activation | {r.BytesPerActivation:N0} |");
        s.AppendLine(c, $"| activations added / tickets read | {r.ActivationsAdded:N0} / {r.Activations:N0} |");
        s.AppendLine(c, $"| stored state per ticket (JSON) | {r.StoredStateBytes:N0} |");
        s.AppendLine(c, $"| tickets touched | {p.Touched:N0} |");
        s.AppendLine(c, $"| activations at the end | {p.ActivationsAtEnd:N0} |");
        s.AppendLine(c, $"| peak working set | {Mib(p.PeakWorkingSetBytes)} |");
        s.AppendLine(c, $"| managed heap at the end (after a full collection) | {Mib(p.ManagedHeapBytes)} |");
        s.AppendLine(c, $"| time to touch them all | {p.Seconds:N1} s ({p.Touched / p.Seconds:N0} activations/s) |");
        s.AppendLine();
        var m = baseline.Memory;
        s.AppendLine(RuntimeBaseline.Table(
        [
            ("managed bytes per ticket activation", RuntimeBaseline.N(r.BytesPerActivation), RuntimeBaseline.N(m.BytesPerActivation)),
            ("tickets touched", RuntimeBaseline.N(p.Touched), RuntimeBaseline.N(m.TicketsTouched)),
            ("activations at the end", RuntimeBaseline.N(p.ActivationsAtEnd), $"{RuntimeBaseline.N(m.ActivationsAtEnd)} (cap {RuntimeBaseline.N(m.ActivationCap)})"),
            ("peak working set MiB", RuntimeBaseline.N(p.PeakWorkingSetBytes / 1024.0 / 1024.0), RuntimeBaseline.N(m.PeakWorkingSetMiB)),
            ("activations/s while touching", RuntimeBaseline.N(p.Touched / p.Seconds), RuntimeBaseline.N(m.TicketsTouched / m.TouchSeconds)),
        ]));
        s.AppendLine("What bounds them: the ticket's state and its audit trail in memory; with no cap the working set grows");
        s.AppendLine("with the tickets touched within the collection age, so a silo's memory limit needs");
        s.AppendLine("`EnableActivationSheddingOnMemoryPressure` or a shorter collection age (docs/orleans.md, Q3).");
        return s.ToString();
    }

    private static string Mib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:N0} MiB");
}

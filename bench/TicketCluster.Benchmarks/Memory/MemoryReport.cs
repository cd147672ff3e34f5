using System.Globalization;
using System.Text;

namespace TicketCluster.Benchmarks.Memory;

/// <summary>The markdown section of <see cref="MemoryBenchmark"/> in docs/performance.md.</summary>
internal static class MemoryReport
{
    public static string Render(MemoryBenchmark.Result r)
    {
        var c = CultureInfo.InvariantCulture;
        var p = r.Peak;
        var s = new StringBuilder();
        s.AppendLine();
        s.AppendLine("## Memory");
        s.AppendLine();
        s.AppendLine(c, $"Bytes per cached ticket activation: {r.Activations:N0} real tickets opened through the ticket grain; a fresh");
        s.AppendLine("grain runtime with the real grains on the same PostgreSQL server reads each once; the managed heap after");
        s.AppendLine("a full collection before and after, divided by the activations added. A cached activation holds the");
        s.AppendLine("grain instance with its deserialized state (the ticket record: customer, order, description, clocks;");
        s.AppendLine("and its audit trail of events), its stored version, its turn queue and lock, its idle timer and its");
        s.AppendLine("entries in the catalog and the least-recently-used list.");
        s.AppendLine();
        s.AppendLine("Peak working set: a node (the benchmark program re-invoked as a child process, so the peak is its own)");
        s.AppendLine("touches every one of the tickets once (a read through the ticket grain, 32 at a time) under its");
        s.AppendLine("activation cap (`GrainRuntimeOptions.MaxActivations`; idle activations beyond it are evicted least");
        s.AppendLine(c, $"recently used first). The tickets are copies of a real ticket's rows made with SQL in {r.SeedSeconds:N0} s, each with its own id");
        s.AppendLine("inside its state. Server GC, as in the silo.");
        s.AppendLine();
        s.AppendLine("| measure | value |");
        s.AppendLine("|---|---:|");
        s.AppendLine(c, $"| managed bytes per cached ticket activation | {r.BytesPerActivation:N0} |");
        s.AppendLine(c, $"| stored state per ticket (JSON) | {r.StoredStateBytes:N0} |");
        s.AppendLine(c, $"| the runtime's estimate per activation (state + 1,024, for `MaxActivationMemoryBytes`) | {r.StoredStateBytes + 1024:N0} |");
        s.AppendLine(c, $"| tickets touched | {p.Touched:N0} |");
        s.AppendLine(c, $"| activation cap | {p.Cap:N0} |");
        s.AppendLine(c, $"| activations at the end | {p.ActivationsAtEnd:N0} |");
        s.AppendLine(c, $"| peak working set | {Mib(p.PeakWorkingSetBytes)} |");
        s.AppendLine(c, $"| managed heap at the end (after a full collection) | {Mib(p.ManagedHeapBytes)} |");
        s.AppendLine(c, $"| time to touch them all | {p.Seconds:N1} s ({p.Touched / p.Seconds:N0} activations/s) |");
        return s.ToString();
    }

    private static string Mib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:N0} MiB");
}

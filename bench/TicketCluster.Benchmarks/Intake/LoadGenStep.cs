using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace TicketCluster.Benchmarks.Intake;

/// <summary>
/// One step of the intake ladder: the load generator (<c>tools/TicketCluster.LoadGen</c>) as a process of
/// its own, offering intakes only at a constant rate to the silo, with tokens it signs with the silo's
/// key and the default mix of channels, categories, severities, repeats and cross-channel duplicates.
/// The numbers come from its JSON report; the CPU split is measured over the time it offers load (from
/// its "Offering" line to its exit, so its own start-up is left out).
/// </summary>
internal static class LoadGenStep
{
    /// <summary>A step's numbers. Latencies in ms from each intake's intended send time; errors are failed
    /// answers plus requests dropped at the generator, in % of those offered; shed are the 429/503
    /// answers among the errors; <see cref="ErrorKinds"/> says what the errors were, in the load
    /// generator's words: an answer's status ("500 server error", "429 shed"), "timeout" at its own request
    /// deadline, "network", and "dropped at the generator" when its in-flight limit was reached. Cores are
    /// CPU seconds per wall second while load was offered; other cores are the rest of the machine's busy
    /// time (this program, and anything else running on it).</summary>
    public sealed record Result(
        double OfferedRate,
        double AchievedRate,
        double P50Ms,
        double P90Ms,
        double P99Ms,
        double P999Ms,
        double MaxMs,
        long Offered,
        long Errors,
        long Shed,
        double SiloCores,
        double LoadGenCores,
        double PostgresCores,
        double OtherCores,
        double StealPercent,
        string ErrorKinds)
    {
        public double ErrorPercent => Offered == 0 ? 0 : 100.0 * Errors / Offered;

        /// <summary>The mean latency estimated from the report's percentiles (the report has no mean):
        /// the area under the quantile curve with each band at its upper percentile, which errs high.</summary>
        public double MeanMsEstimate => (0.5 * P50Ms) + (0.4 * P90Ms) + (0.09 * P99Ms) + (0.009 * P999Ms) + (0.001 * MaxMs);

        /// <summary>p99 under the limit, errors under 0.1 %, and the achieved rate within 3 % of the offered.</summary>
        public bool MeetsTarget(double p99LimitMs) => P99Ms < p99LimitMs && ErrorPercent < 0.1 && AchievedRate >= 0.97 * OfferedRate;
    }

    public static async Task<Result> RunAsync(Uri silo, int siloProcessId, string signingKey, double rate, TimeSpan duration, string directory, CancellationToken cancellationToken)
    {
        var reportDirectory = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"loadgen-{rate:F0}-{Guid.NewGuid():N}")[..24]);
        Directory.CreateDirectory(reportDirectory);
        string[] arguments =
        [
            "--url", silo.ToString(), "--signing-key", signingKey, "--follow-ups", "off", "--profile", "constant",
            "--rate", rate.ToString(CultureInfo.InvariantCulture), "--duration", ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s",
            "--report-dir", reportDirectory, "--cluster-sample", "0",
        ];

        // Read on the line event: the CPU counters at the moment the generator starts offering load.
        var offering = new TaskCompletionSource<(long Started, double Silo, double LoadGen, double Postgres, double Busy, (long, long) Steal)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var loadGenPid = 0;
        void OnLine(string line)
        {
            if (line.StartsWith("Offering", StringComparison.Ordinal))
            {
                offering.TrySetResult((Stopwatch.GetTimestamp(), CpuSample.ProcessSeconds(siloProcessId), CpuSample.ProcessSeconds(Volatile.Read(ref loadGenPid)), CpuSample.PostgresSeconds(), CpuSample.MachineBusySeconds(), CpuSample.StealAndTotal()));
            }
        }

        var childrenBefore = CpuSample.ProcessSeconds(Environment.ProcessId, reapedChildren: true);
        await using var program = ChildProgram.Start(ChildProgram.PathOf("LoadGenProgram"), arguments, new Dictionary<string, string>(), Path.Combine(reportDirectory, "loadgen.log"), OnLine);
        Volatile.Write(ref loadGenPid, program.ProcessId);
        await program.WaitForExitAsync(cancellationToken);
        var ended = Stopwatch.GetTimestamp();
        var (siloEnd, postgresEnd, busyEnd, (stealEnd, totalEnd)) = (CpuSample.ProcessSeconds(siloProcessId), CpuSample.PostgresSeconds(), CpuSample.MachineBusySeconds(), CpuSample.StealAndTotal());
        var childrenAfter = CpuSample.ProcessSeconds(Environment.ProcessId, reapedChildren: true);
        var reportPath = Path.Combine(reportDirectory, "loadgen-report.json");
        if (!offering.Task.IsCompleted || !File.Exists(reportPath))
        {
            throw new InvalidOperationException($"The load generator exited with {program.ExitCode} without a report:\n{program.LogTail()}");
        }

        var start = await offering.Task;
        var seconds = Stopwatch.GetElapsedTime(start.Started, ended).TotalSeconds;
        var (stealStart, totalStart) = start.Steal;
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(reportPath, cancellationToken));
        var root = report.RootElement;
        var requests = root.GetProperty("requests");
        var latency = root.GetProperty("intakeLatency");
        var (siloCores, loadGenCores, postgresCores) = ((siloEnd - start.Silo) / seconds, (childrenAfter - childrenBefore - start.LoadGen) / seconds, (postgresEnd - start.Postgres) / seconds);
        var shed = root.GetProperty("shedBySeverity").EnumerateObject().Sum(p => p.Value.GetInt64());
        var dropped = requests.GetProperty("droppedAtGenerator").GetInt64();
        return new Result(
            requests.GetProperty("intakeOfferedRate").GetDouble(),
            requests.GetProperty("intakeAchievedRate").GetDouble(),
            latency.GetProperty("p50").GetDouble(),
            latency.GetProperty("p90").GetDouble(),
            latency.GetProperty("p99").GetDouble(),
            latency.GetProperty("p999").GetDouble(),
            latency.GetProperty("max").GetDouble(),
            requests.GetProperty("offered").GetInt64(),
            requests.GetProperty("failed").GetInt64() + dropped,
            shed,
            siloCores,
            loadGenCores,
            postgresCores,
            Math.Max(0, ((busyEnd - start.Busy) / seconds) - siloCores - loadGenCores - postgresCores),
            totalEnd == totalStart ? 0 : 100.0 * (stealEnd - stealStart) / (totalEnd - totalStart),
            KindsOf(root.GetProperty("errors"), dropped));
    }

    /// <summary>"kind n, kind n" from the report's errors by kind and the requests dropped at the generator,
    /// the most frequent first; empty when there were none.</summary>
    internal static string KindsOf(JsonElement errors, long dropped)
    {
        var kinds = errors.EnumerateObject().Select(e => (Kind: e.Name, Count: e.Value.GetInt64())).ToList();
        if (dropped > 0)
        {
            kinds.Add(("dropped at the generator", dropped));
        }

        return string.Join(", ", kinds.Where(k => k.Count > 0).OrderByDescending(k => k.Count).ThenBy(k => k.Kind, StringComparer.Ordinal)
            .Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.Kind} {k.Count:N0}")));
    }
}

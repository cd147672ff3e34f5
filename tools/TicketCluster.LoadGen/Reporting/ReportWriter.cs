using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TicketCluster.LoadGen.Reporting;

/// <summary>Writes the report as <c>loadgen-report.json</c> and <c>loadgen-report.md</c>.</summary>
public static class ReportWriter
{
    public const string JsonFile = "loadgen-report.json";
    public const string MarkdownFile = "loadgen-report.md";

    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task WriteAsync(LoadReport report, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, JsonFile), JsonSerializer.Serialize(report, JsonOptions), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(directory, MarkdownFile), Markdown(report), cancellationToken).ConfigureAwait(false);
    }

    public static string Markdown(LoadReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        void Line(FormattableString text) => md.AppendLine(text.ToString(CultureInfo.InvariantCulture));
        var (run, requests) = (report.Run, report.Requests);
        Line($"# Load generator report");
        md.AppendLine();
        Line($"Started {run.StartedAt:u}, profile **{run.Profile}** at {run.TargetRate} intakes/s for {run.DurationSeconds} s (took {run.ElapsedSeconds:F1} s), seed {run.Seed}, max in flight {run.MaxInFlight}, follow-ups {(run.FollowUps ? "on" : "off")}.");
        Line($"Nodes: {string.Join(", ", run.Urls)}.");
        md.AppendLine();
        Line($"## Requests");
        md.AppendLine();
        Line($"Intakes: offered {requests.IntakesOffered} ({requests.IntakeOfferedRate:F1}/s), succeeded {requests.IntakesSucceeded} ({requests.IntakeAchievedRate:F1}/s).");
        md.AppendLine();
        Line($"| offered | sent | succeeded | failed | dropped at the generator | follow-ups not sent | offered rate | achieved rate |");
        Line($"|---:|---:|---:|---:|---:|---:|---:|---:|");
        Line($"| {requests.Offered} | {requests.Sent} | {requests.Succeeded} | {requests.Failed} | {requests.DroppedAtGenerator} | {requests.FollowUpsNotSent} | {requests.OfferedRate:F1}/s | {requests.AchievedRate:F1}/s |");
        md.AppendLine();
        Line($"## Latency (ms, from the intended send time)");
        md.AppendLine();
        Line($"| requests | count | p50 | p90 | p99 | p99.9 | max |");
        Line($"|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, l) in new[] { ("all", report.Latency), ("intake", report.IntakeLatency), ("commands", report.CommandLatency) })
        {
            Line($"| {name} | {l.Count} | {l.P50} | {l.P90} | {l.P99} | {l.P999} | {l.Max} |");
        }

        md.AppendLine();
        Counts(md, "Errors", report.Errors);
        Counts(md, "Shed requests (429/503) by severity", report.ShedBySeverity);
        Line($"## Generator");
        md.AppendLine();
        Line($"Generator errors: {report.Generator.Errors}.");
        foreach (var sample in report.Generator.Samples)
        {
            Line($"- {sample}");
        }

        md.AppendLine();
        var t = report.Tickets;
        Line($"## Tickets");
        md.AppendLine();
        Line($"Created {t.Created}, merged {t.Merged}, replayed {t.Replayed}, resolved {t.Resolved}, open {t.Open}; clocks seen breached in answers: {t.DeadlinesBreached}.");
        md.AppendLine();
        var c = report.Cluster;
        Line($"## From the cluster");
        md.AppendLine();
        Line($"Tickets read: {c.TicketsRead} (failed reads: {c.ReadFailures}); SLA breaches: {c.SlaBreaches}.");
        md.AppendLine();
        Counts(md, "SLA breaches by clock", c.SlaBreachesByClock);
        Counts(md, "SLA breaches by severity", c.SlaBreachesBySeverity);
        Line($"Reminder lateness: {(c.ReminderLatenessP99Ms is { } p99 ? $"p99 {p99} ms" : "not available")}. {c.Note}");
        return md.ToString();
    }

    private static void Counts(StringBuilder md, string title, IReadOnlyDictionary<string, long> counts)
    {
        md.AppendLine(CultureInfo.InvariantCulture, $"### {title}").AppendLine();
        if (counts.Count == 0)
        {
            md.AppendLine("None.").AppendLine();
            return;
        }

        md.AppendLine("| kind | count |").AppendLine("|---|---:|");
        foreach (var (kind, count) in counts)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {kind} | {count} |");
        }

        md.AppendLine();
    }
}

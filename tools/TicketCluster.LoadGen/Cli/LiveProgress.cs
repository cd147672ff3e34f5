using System.Globalization;
using Spectre.Console;
using TicketCluster.LoadGen.Running;

namespace TicketCluster.LoadGen.Cli;

/// <summary>
/// The live view of a run: offered and achieved rate over the last interval, errors by kind, p50/p99
/// latency, tickets open, deadlines breached. A live table on an interactive terminal; a line every five
/// seconds otherwise (CI logs, redirected output).
/// </summary>
public sealed class LiveProgress(LoadRunner runner, IAnsiConsole console, TimeProvider time)
{
    private long _lastOffered;
    private long _lastSucceeded;
    private TimeSpan _lastAt;

    public async Task ShowUntilAsync(Task run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (console.Profile.Capabilities.Interactive)
        {
            await console.Live(Table()).StartAsync(async context =>
            {
                while (!run.IsCompleted)
                {
                    await Task.WhenAny(run, Task.Delay(TimeSpan.FromMilliseconds(500), time)).ConfigureAwait(false);
                    context.UpdateTarget(Table());
                    context.Refresh();
                }
            }).ConfigureAwait(false);
            return;
        }

        while (!run.IsCompleted)
        {
            await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(5), time)).ConfigureAwait(false);
            console.WriteLine(Line());
        }
    }

    private (double Offered, double Achieved) Rates()
    {
        var stats = runner.Stats;
        var now = runner.Elapsed;
        var seconds = Math.Max((now - _lastAt).TotalSeconds, 1e-3);
        var (offered, succeeded) = (stats.Offered, stats.Succeeded);
        var rates = ((offered - _lastOffered) / seconds, (succeeded - _lastSucceeded) / seconds);
        (_lastOffered, _lastSucceeded, _lastAt) = (offered, succeeded, now);
        return rates;
    }

    private Table Table()
    {
        var stats = runner.Stats;
        var (offered, achieved) = Rates();
        var table = new Table().Title("TicketCluster load").AddColumn("measure").AddColumn(new TableColumn("value").RightAligned());
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));
        Row("elapsed", $"{runner.Elapsed.TotalSeconds:F0} s");
        Row("offered / achieved", $"{offered:F1}/s / {achieved:F1}/s");
        Row("sent / succeeded", $"{stats.Sent} / {stats.Succeeded}");
        Row("in flight / dropped at generator", $"{stats.InFlight} / {stats.DroppedAtGenerator}");
        Row("latency p50 / p99", $"{stats.Latency.ValueAtPercentile(50) / 1000.0:F1} ms / {stats.Latency.ValueAtPercentile(99) / 1000.0:F1} ms");
        Row("tickets open", $"{stats.TicketsCreated - stats.TicketsResolved}");
        Row("deadlines breached", $"{stats.DeadlinesBreached}");
        foreach (var (kind, count) in stats.Errors)
        {
            Row($"error: {kind}", count.ToString(CultureInfo.InvariantCulture));
        }

        if (stats.GeneratorErrors > 0)
        {
            Row("generator errors", stats.GeneratorErrors.ToString(CultureInfo.InvariantCulture));
        }

        return table;
    }

    private string Line()
    {
        var stats = runner.Stats;
        var (offered, achieved) = Rates();
        var errors = string.Join(", ", stats.Errors.Select(e => $"{e.Key} {e.Value}"));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{runner.Elapsed.TotalSeconds,5:F0}s offered {offered:F1}/s achieved {achieved:F1}/s p50 {stats.Latency.ValueAtPercentile(50) / 1000.0:F1} ms p99 {stats.Latency.ValueAtPercentile(99) / 1000.0:F1} ms open {stats.TicketsCreated - stats.TicketsResolved} breached {stats.DeadlinesBreached} dropped {stats.DroppedAtGenerator} errors [{errors}]");
    }
}

using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using TicketCluster.LoadGen.Mix;
using TicketCluster.LoadGen.Reporting;
using TicketCluster.LoadGen.Running;
using TicketCluster.LoadGen.Schedule;
using TicketCluster.LoadGen.Tokens;

namespace TicketCluster.LoadGen.Cli;

/// <summary>The command line of the load generator: options, their defaults, and the run.</summary>
public static class LoadGenCommand
{
    /// <summary>Exit code when the arguments are wrong.</summary>
    public const int UsageError = 2;

    public static RootCommand Create(IAnsiConsole console, TimeProvider time)
    {
        var urls = new Option<string[]>("--url") { Description = "A node's base URL (repeat for several nodes; requests go round-robin).", Required = true, Arity = ArgumentArity.OneOrMore };
        var duration = new Option<string>("--duration") { Description = "How long to offer load: 90s, 5m, 1h or hh:mm:ss.", DefaultValueFactory = _ => "60s" };
        var rate = new Option<double>("--rate") { Description = "Target intake rate per second (the peak for ramp; the base for spike).", DefaultValueFactory = _ => 50 };
        var profile = new Option<string>("--profile") { Description = "constant, ramp (0 up to --rate) or spike (5x --rate in the middle tenth).", DefaultValueFactory = _ => "constant" };
        profile.AcceptOnlyFromAmong("constant", "ramp", "spike");
        var signingKey = new Option<string?>("--signing-key") { Description = "The cluster's HMAC signing key (Auth:SigningKey): the generator signs its own tokens." };
        var tokenCommand = new Option<string?>("--token-command") { Description = "Run this to get a token, e.g. \"dotnet TicketCluster.Silo.dll token\"; --role, --subject and --merchant are appended." };
        var issuer = new Option<string>("--issuer") { Description = "Token issuer.", DefaultValueFactory = _ => "ticketcluster" };
        var audience = new Option<string>("--audience") { Description = "Token audience.", DefaultValueFactory = _ => "ticketcluster-api" };
        var reportDir = new Option<string>("--report-dir") { Description = "Where loadgen-report.json and loadgen-report.md are written.", DefaultValueFactory = _ => "loadgen-report" };
        var seed = new Option<int>("--seed") { Description = "Seed of the mix and the lifecycles (same seed, same intakes).", DefaultValueFactory = _ => 1 };
        var maxInFlight = new Option<int>("--max-in-flight") { Description = "Requests in flight at most; one more is dropped at the generator and reported.", DefaultValueFactory = _ => 1000 };
        var followUps = new Option<string>("--follow-ups") { Description = "on: walk each ticket through its lifecycle; off: intake only.", DefaultValueFactory = _ => "on" };
        followUps.AcceptOnlyFromAmong("on", "off");
        var thinkTime = new Option<string>("--think-time") { Description = "Mean time between a ticket's answer and its next command.", DefaultValueFactory = _ => "500ms" };
        var channels = new Option<string>("--channels") { Description = "Channel weights, name=weight,…", DefaultValueFactory = _ => LoadMix.DefaultChannels };
        var categories = new Option<string>("--categories") { Description = "Category weights, name=weight,…", DefaultValueFactory = _ => LoadMix.DefaultCategories };
        var severities = new Option<string>("--severities") { Description = "Intended severity weights (urgent texts name a safety hazard).", DefaultValueFactory = _ => LoadMix.DefaultSeverities };
        var repeats = new Option<double>("--repeat-share") { Description = "Share of intakes by a customer who complained before (a new order).", DefaultValueFactory = _ => 0.10 };
        var duplicates = new Option<double>("--duplicate-share") { Description = "Share of intakes repeating an earlier complaint on another channel.", DefaultValueFactory = _ => 0.05 };
        var chinese = new Option<double>("--chinese-share") { Description = "Share of complaints written in Chinese.", DefaultValueFactory = _ => 0.6 };
        var timeout = new Option<string>("--request-timeout") { Description = "Timeout of one request.", DefaultValueFactory = _ => "30s" };
        var drain = new Option<string>("--drain-timeout") { Description = "How long to wait for requests still in flight at the end.", DefaultValueFactory = _ => "10s" };
        var sample = new Option<int>("--cluster-sample") { Description = "Tickets read back at the end for the cluster's SLA breaches.", DefaultValueFactory = _ => 200 };

        var root = new RootCommand("Plays a peak-season sale day against TicketCluster nodes and reports offered vs achieved rate, latency, errors and SLA breaches.")
        {
            urls, duration, rate, profile, signingKey, tokenCommand, issuer, audience, reportDir, seed, maxInFlight, followUps,
            thinkTime, channels, categories, severities, repeats, duplicates, chinese, timeout, drain, sample,
        };
        root.SetAction(async (result, cancellationToken) =>
        {
            LoadOptions options;
            ITokenSource tokens;
            try
            {
                var key = result.GetValue(signingKey);
                var command = result.GetValue(tokenCommand);
                if ((key is null) == (command is null))
                {
                    throw new FormatException("Give exactly one of --signing-key and --token-command.");
                }

                options = new LoadOptions(
                    [.. result.GetRequiredValue(urls).Select(u => new Uri(u, UriKind.Absolute))],
                    result.GetValue(rate),
                    DurationText.Parse(result.GetRequiredValue(duration)),
                    Enum.Parse<LoadProfile>(result.GetRequiredValue(profile), ignoreCase: true),
                    result.GetValue(seed),
                    result.GetValue(maxInFlight),
                    result.GetRequiredValue(followUps) == "on",
                    DurationText.Parse(result.GetRequiredValue(thinkTime)),
                    LoadMix.Parse(result.GetRequiredValue(channels), result.GetRequiredValue(categories), result.GetRequiredValue(severities), result.GetValue(repeats), result.GetValue(duplicates), result.GetValue(chinese)),
                    DurationText.Parse(result.GetRequiredValue(timeout)),
                    DurationText.Parse(result.GetRequiredValue(drain)),
                    result.GetValue(sample));
                if (options.Rate <= 0 || options.Duration <= TimeSpan.Zero || options.MaxInFlight <= 0 || options.ClusterSample < 0)
                {
                    throw new FormatException("--rate, --duration and --max-in-flight must be positive, --cluster-sample not negative.");
                }

                tokens = key is not null
                    ? new SigningKeyTokenSource(key, result.GetRequiredValue(issuer), result.GetRequiredValue(audience), options.Duration + TimeSpan.FromHours(1), time)
                    : new CommandTokenSource(command!);
            }
            catch (Exception error) when (error is FormatException or ArgumentException or UriFormatException)
            {
                console.MarkupLine($"[red]{Markup.Escape(error.Message)}[/]");
                return UsageError;
            }

            return await RunAsync(options, tokens, result.GetRequiredValue(reportDir), console, time, cancellationToken).ConfigureAwait(false);
        });
        return root;
    }

    private static async Task<int> RunAsync(LoadOptions options, ITokenSource tokens, string reportDirectory, IAnsiConsole console, TimeProvider time, CancellationToken cancellationToken)
    {
        using var clients = new ClientPool(options.Urls, tokens, options.RequestTimeout);
        var runner = new LoadRunner(options, clients, time);
        await clients.WarmUpAsync(cancellationToken).ConfigureAwait(false);
        var startedAt = time.GetUtcNow();
        console.MarkupLine(Markup.Escape(string.Create(
            CultureInfo.InvariantCulture,
            $"Offering {ArrivalSchedule.ExpectedCount(options.Profile, options.Rate, options.Duration)} intakes ({options.Profile}, {options.Rate}/s, {options.Duration.TotalSeconds} s) to {string.Join(", ", options.Urls)}")));
        var run = runner.RunAsync(cancellationToken);
        await new LiveProgress(runner, console, time).ShowUntilAsync(run).ConfigureAwait(false);
        var elapsed = await run.ConfigureAwait(false);

        var cluster = await ClusterSweep.ReadAsync(clients, runner.CreatedTickets, options.ClusterSample, cancellationToken).ConfigureAwait(false);
        var report = ReportBuilder.Build(options, runner.Stats, startedAt, elapsed, cluster);
        await ReportWriter.WriteAsync(report, reportDirectory, cancellationToken).ConfigureAwait(false);
        var r = report.Requests;
        console.MarkupLine(Markup.Escape(string.Create(
            CultureInfo.InvariantCulture,
            $"Intakes offered {r.IntakeOfferedRate:F1}/s, achieved {r.IntakeAchievedRate:F1}/s (all requests {r.OfferedRate:F1}/s, {r.AchievedRate:F1}/s); p50 {report.Latency.P50} ms, p99 {report.Latency.P99} ms, max {report.Latency.Max} ms; {r.Failed} errors, {r.DroppedAtGenerator} dropped at the generator. Report: {Path.GetFullPath(reportDirectory)}")));
        return report.Generator.Errors == 0 ? 0 : 1;
    }
}

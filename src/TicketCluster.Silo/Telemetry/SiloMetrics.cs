using System.Collections.Frozen;
using System.Diagnostics.Metrics;
using System.Text.Json;
using TicketCluster.Domain;
using TicketCluster.Grains.Tickets;
using TicketCluster.Grains.Diagnostics;

namespace TicketCluster.Silo.Telemetry;

/// <summary>
/// The silo's instruments, on the meter <see cref="TicketClusterTelemetry.MeterName"/> and tagged with the
/// silo's name. Orleans counts activations, reminders and storage; the
/// ticket grain counts SLA breaches and escalations where it commits them; this counts what only the
/// HTTP edge sees. Tag values are the API's kebab-case names, a small closed set each.
/// </summary>
public sealed class SiloMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly KeyValuePair<string, object?> _node;
    private readonly Counter<long> _intake;
    private readonly Counter<long> _commands;
    private readonly UpDownCounter<long> _inFlight;
    private readonly Counter<long> _shed;
    private readonly Histogram<double> _requestDuration;

    public SiloMetrics(string nodeId)
    {
        _meter = new Meter(TicketClusterTelemetry.MeterName);
        _node = new("node", nodeId);
        _intake = _meter.CreateCounter<long>("ticketcluster.intake", "{intake}", "Intakes taken, by channel, severity and outcome (created, merged, replayed, refused).");
        _commands = _meter.CreateCounter<long>("ticketcluster.commands", "{command}", "Ticket commands answered, by command and outcome.");
        _inFlight = _meter.CreateUpDownCounter<long>("ticketcluster.http.in_flight", "{request}", "API requests admitted and not yet answered.");
        _shed = _meter.CreateCounter<long>("ticketcluster.http.shed", "{request}", "API requests refused by admission control (429).");
        _requestDuration = _meter.CreateHistogram<double>("ticketcluster.http.duration", "s", "API request duration, by method, route and status code.");
    }

    /// <summary>An intake from <paramref name="channel"/> was answered with <paramref name="result"/>.
    /// The severity is the ticket's (classified on creation); a refused intake has none.</summary>
    public void IntakeTaken(Channel channel, IntakeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        _intake.Add(
            1,
            _node,
            new("channel", TagValue.Of(channel)),
            new("severity", result.Ticket is { } ticket ? TagValue.Of(ticket.Severity) : "none"),
            new("outcome", TagValue.Of(result.Kind)));
    }

    /// <summary>A command was answered with <paramref name="statusCode"/>.</summary>
    public void CommandAnswered(string command, int statusCode) =>
        _commands.Add(1, _node, new("command", command), new("outcome", CommandOutcomeOf(statusCode)));

    public void RequestAdmitted() => _inFlight.Add(1, _node);

    public void RequestFinished() => _inFlight.Add(-1, _node);

    /// <summary>A request was refused: <paramref name="reason"/> is <c>overloaded</c> or <c>draining</c>;
    /// <paramref name="severity"/> the intake's (estimated) severity, or <c>none</c> for other requests.</summary>
    public void Shed(string severity, string reason) => _shed.Add(1, _node, new("severity", severity), new("reason", reason));

    public void RequestCompleted(string method, string route, int statusCode, TimeSpan duration) =>
        _requestDuration.Record(duration.TotalSeconds, _node, new("http.request.method", method), new("http.route", route), new("http.response.status_code", statusCode));

    public void Dispose() => _meter.Dispose();

    /// <summary>The outcome of a command by the status code the API answered it with.</summary>
    public static string CommandOutcomeOf(int statusCode) => statusCode switch
    {
        >= 200 and < 300 => "accepted",
        400 or 413 or 415 => "invalid",
        401 or 403 => "forbidden",
        404 => "not-found",
        409 => "not-allowed",
        412 => "stale",
        429 or 503 => "shed",
        >= 500 => "error",
        _ => "other",
    };
}

/// <summary>An enumeration's value as a metric tag: its kebab-case API name, computed once per value.</summary>
internal static class TagValue
{
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => Names<TEnum>.Of(value);

    private static class Names<TEnum>
        where TEnum : struct, Enum
    {
        private static readonly FrozenDictionary<TEnum, string> All =
            Enum.GetValues<TEnum>().Distinct().ToFrozenDictionary(v => v, v => JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString()));

        public static string Of(TEnum value) => All.TryGetValue(value, out var name) ? name : "other";
    }
}

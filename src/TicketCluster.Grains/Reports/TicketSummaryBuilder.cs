using TicketCluster.Storage;

namespace TicketCluster.Grains.Reports;

/// <summary>
/// Folds ticket query rows into a <see cref="TicketSummary"/>. Pure: no I/O and no clock. Feed it the
/// rows created in [<see cref="ReadFrom"/>, to) in (created, ticket id) order, as
/// <see cref="ITicketQueries.ReadTicketRowsCreatedAsync"/> streams them: the rows before the report's
/// start only tell whether a later ticket is a repeat complaint.
/// </summary>
/// <remarks>Memory grows with the number of customers (last ticket time each) and of tickets in the range
/// (their durations, kept for exact percentiles), not with the rows' size.</remarks>
public sealed class TicketSummaryBuilder
{
    /// <summary>A ticket is a repeat complaint when its customer had another ticket created this long
    /// before it or less.</summary>
    public static readonly TimeSpan RepeatWindow = TimeSpan.FromDays(30);

    /// <summary>The statuses of a ticket no one is working any more: not counted in the load.</summary>
    private static readonly HashSet<string> Finished = new(StringComparer.Ordinal) { "resolved", "closed", "archived" };

    private readonly DateTimeOffset _from;
    private readonly DateTimeOffset _to;
    private readonly Dictionary<string, DateTimeOffset> _lastTicketOfCustomer = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _byCategory = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _byChannel = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _bySeverity = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _byStatus = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _byOutcome = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _byMerchant = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, (int Met, int Breached)> _sla = new(StringComparer.Ordinal);
    private readonly List<TimeSpan> _firstResponses = [];
    private readonly List<TimeSpan> _resolutions = [];
    private readonly int[] _scores = new int[5];
    private readonly SortedDictionary<int, int> _escalations = new() { [1] = 0, [2] = 0 };
    private readonly SortedDictionary<string, int> _openByAssignee = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _openByDepartment = new(StringComparer.Ordinal);
    private int _openUnassigned;
    private (DateTimeOffset CreatedAt, string TicketId)? _last;
    private int _tickets;
    private int _repeats;

    public TicketSummaryBuilder(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"{nameof(to)} must be after {nameof(from)}.");
        }

        _from = from;
        _to = to;
    }

    /// <summary>Where the rows to feed start: <see cref="RepeatWindow"/> before the report's start.</summary>
    public DateTimeOffset ReadFrom => _from - RepeatWindow;

    /// <exception cref="ArgumentException">The row is out of order or outside [<see cref="ReadFrom"/>, to).</exception>
    public void Add(TicketQueryRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.CreatedAt < ReadFrom || row.CreatedAt >= _to)
        {
            throw new ArgumentException($"Ticket {row.TicketId} was created outside [{ReadFrom:O}, {_to:O}).", nameof(row));
        }

        if (_last is { } last && (row.CreatedAt < last.CreatedAt || (row.CreatedAt == last.CreatedAt && string.CompareOrdinal(row.TicketId, last.TicketId) <= 0)))
        {
            throw new ArgumentException($"Ticket {row.TicketId} comes after {last.TicketId}: rows must be in (created, ticket id) order.", nameof(row));
        }

        _last = (row.CreatedAt, row.TicketId);
        var isRepeat = _lastTicketOfCustomer.TryGetValue(row.CustomerId, out var previous) && row.CreatedAt - previous <= RepeatWindow;
        _lastTicketOfCustomer[row.CustomerId] = row.CreatedAt;
        if (row.CreatedAt < _from)
        {
            return;
        }

        _tickets++;
        _repeats += isRepeat ? 1 : 0;
        Count(_byCategory, row.Category);
        Count(_byChannel, row.Channel);
        Count(_bySeverity, row.Severity);
        Count(_byStatus, row.Status);
        if (row.Outcome is { } outcome)
        {
            Count(_byOutcome, outcome);
        }

        Count(_byMerchant, row.MerchantId);
        foreach (var kind in ClockNames.Split(row.ClocksMet))
        {
            var (met, breached) = _sla.GetValueOrDefault(kind);
            _sla[kind] = (met + 1, breached);
        }

        foreach (var kind in ClockNames.Split(row.ClocksBreached))
        {
            var (met, breached) = _sla.GetValueOrDefault(kind);
            _sla[kind] = (met, breached + 1);
        }

        if (row.AcknowledgedAt is { } acknowledged)
        {
            _firstResponses.Add(acknowledged - row.CreatedAt);
        }

        if (row.ResolvedAt is { } resolved)
        {
            _resolutions.Add(resolved - row.CreatedAt);
        }

        if (row.SatisfactionScore is { } score)
        {
            if (score is < 1 or > 5)
            {
                throw new ArgumentException($"Ticket {row.TicketId} has the satisfaction score {score}, not 1 to 5.", nameof(row));
            }

            _scores[score - 1]++;
        }

        if (row.EscalationLevel > 0)
        {
            _escalations[row.EscalationLevel] = _escalations.GetValueOrDefault(row.EscalationLevel) + 1;
        }

        if (!Finished.Contains(row.Status))
        {
            if (row.Assignee is { } assignee)
            {
                Count(_openByAssignee, assignee);
            }
            else
            {
                _openUnassigned++;
            }

            if (row.Department is { } department)
            {
                Count(_openByDepartment, department);
            }
        }
    }

    public TicketSummary Build()
    {
        var responses = _scores.Sum();
        var scoreTotal = _scores.Select((n, i) => n * (i + 1)).Sum();
        return new TicketSummary(
            _from,
            _to,
            _tickets,
            new SortedDictionary<string, int>(_byCategory, StringComparer.Ordinal),
            new SortedDictionary<string, int>(_byChannel, StringComparer.Ordinal),
            new SortedDictionary<string, int>(_bySeverity, StringComparer.Ordinal),
            new SortedDictionary<string, int>(_byStatus, StringComparer.Ordinal),
            new SortedDictionary<string, int>(_byOutcome, StringComparer.Ordinal),
            new SortedDictionary<string, int>(_byMerchant, StringComparer.Ordinal),
            new SortedDictionary<string, SlaCompliance>(
                _sla.ToDictionary(p => p.Key, p => new SlaCompliance(p.Value.Met, p.Value.Breached), StringComparer.Ordinal),
                StringComparer.Ordinal),
            Durations(_firstResponses),
            Durations(_resolutions),
            new SatisfactionSummary(
                responses,
                responses == 0 ? null : (double)scoreTotal / responses,
                new SortedDictionary<int, int>(Enumerable.Range(1, 5).ToDictionary(s => s, s => _scores[s - 1]))),
            new RepeatComplaints(_repeats, _tickets),
            new SortedDictionary<int, int>(_escalations),
            new SortedDictionary<string, int>(_openByAssignee, StringComparer.Ordinal),
            new SortedDictionary<string, int>(_openByDepartment, StringComparer.Ordinal),
            _openUnassigned);
    }

    private static DurationSummary Durations(List<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        return new DurationSummary(sorted.Count, Percentiles.NearestRank(sorted, 50), Percentiles.NearestRank(sorted, 90));
    }

    private static void Count(SortedDictionary<string, int> counts, string key) =>
        counts[key] = counts.GetValueOrDefault(key) + 1;
}

using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace TicketCluster.Domain.Parties;

/// <summary>
/// The pure model of the MerchantGrain: open disputes, response-time compliance, responsibility rate,
/// satisfaction and strikes, fed by <see cref="MerchantFact"/>s. Immutable; a batch of facts is applied in
/// one pass (<see cref="Apply(IEnumerable{MerchantFact})"/>) with the same result as one by one, and a
/// fact whose <see cref="MerchantFact.EventId"/> was applied before changes nothing.
/// </summary>
/// <param name="OpenDisputes">Tickets opened and not yet closed.</param>
/// <param name="SilentTickets">Open tickets whose last response deadline was missed with no answer since.</param>
/// <param name="OpenDeterminations">The latest responsibility decision of each open ticket, so a new decision replaces it.</param>
/// <param name="Strikes">Missed deadlines, oldest first (see <see cref="ForgetStrikesBefore"/>).</param>
/// <param name="TotalStrikes">Every strike ever, including forgotten ones.</param>
public sealed record MerchantScorecard(
    string MerchantId,
    ImmutableSortedSet<string> OpenDisputes,
    ResponseCompliance Responses,
    ImmutableSortedSet<string> SilentTickets,
    ResponsibilityTally Responsibility,
    ImmutableSortedDictionary<string, MerchantLiability> OpenDeterminations,
    SatisfactionTally Satisfaction,
    ImmutableList<Strike> Strikes,
    int TotalStrikes,
    AppliedEventLog Events)
{
    /// <summary>When the strikes were last trimmed (<see cref="TrimIfDue"/>); null before the first trim.</summary>
    public DateTimeOffset? TrimmedAt { get; init; }

    public static MerchantScorecard Create(string merchantId, TimeSpan? eventIdRetention = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(merchantId);
        return new MerchantScorecard(
            merchantId,
            ImmutableSortedSet<string>.Empty,
            default,
            ImmutableSortedSet<string>.Empty,
            default,
            ImmutableSortedDictionary<string, MerchantLiability>.Empty,
            default,
            [],
            0,
            AppliedEventLog.Empty(eventIdRetention));
    }

    [JsonIgnore]
    public int OpenDisputeCount => OpenDisputes.Count;

    /// <summary>Strikes in the window that ends at <paramref name="now"/> (<c>now - window &lt; at ≤ now</c>).</summary>
    public int StrikesWithin(DateTimeOffset now, TimeSpan window)
    {
        var from = now - window;
        return Strikes.Count(s => s.At > from && s.At <= now);
    }

    public MerchantScorecard Apply(MerchantFact fact) => Apply([fact]);

    /// <summary>Applies facts in order, in one pass; the result equals applying them one by one.</summary>
    public MerchantScorecard Apply(IEnumerable<MerchantFact> facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var events = new AppliedEventLog.Tracker(Events);
        var open = OpenDisputes.ToBuilder();
        var silent = SilentTickets.ToBuilder();
        var determinations = OpenDeterminations.ToBuilder();
        var strikes = Strikes.ToBuilder();
        var responses = Responses;
        var responsibility = Responsibility;
        var satisfaction = Satisfaction;
        var totalStrikes = TotalStrikes;

        foreach (var fact in facts)
        {
            ArgumentNullException.ThrowIfNull(fact);
            if (!events.TryRecord(fact.EventId, fact.TicketId, fact.At))
            {
                continue;
            }

            switch (fact)
            {
                case DisputeOpened opened:
                    open.Add(opened.TicketId);
                    events.SetSettled(opened.TicketId, settled: false);
                    break;

                case MerchantResponded responded when responded.At <= responded.DueAt:
                    responses = responses with { OnTime = responses.OnTime + 1 };
                    silent.Remove(responded.TicketId);
                    break;

                case MerchantResponded responded:
                    // A late answer to a request already counted as silent moves it from silent to late.
                    responses = silent.Remove(responded.TicketId)
                        ? responses with { Late = responses.Late + 1, Silent = responses.Silent - 1 }
                        : responses with { Late = responses.Late + 1 };
                    break;

                case MerchantDeadlineMissed missed:
                    responses = responses with { Silent = responses.Silent + 1 };
                    silent.Add(missed.TicketId);
                    strikes.Add(new Strike(missed.TicketId, missed.At));
                    totalStrikes++;
                    break;

                case ResponsibilityDetermined determined:
                    if (determinations.TryGetValue(determined.TicketId, out var previous))
                    {
                        responsibility = responsibility.Add(previous, -1);
                    }

                    responsibility = responsibility.Add(determined.Liability, +1);
                    determinations[determined.TicketId] = determined.Liability;
                    break;

                case SatisfactionRated rated:
                    satisfaction = satisfaction.Add(rated.Score);
                    break;

                case DisputeClosed closed:
                    open.Remove(closed.TicketId);
                    silent.Remove(closed.TicketId);
                    determinations.Remove(closed.TicketId);
                    events.SetSettled(closed.TicketId, settled: true);
                    break;
            }
        }

        return this with
        {
            OpenDisputes = open.ToImmutable(),
            Responses = responses,
            SilentTickets = silent.ToImmutable(),
            Responsibility = responsibility,
            OpenDeterminations = determinations.ToImmutable(),
            Satisfaction = satisfaction,
            Strikes = strikes.ToImmutable(),
            TotalStrikes = totalStrikes,
            Events = events.ToLog(),
        };
    }

    /// <summary>
    /// One merchant's scorecard from scorecards that each hold the facts of a disjoint set of its tickets
    /// (every fact of a ticket in the same part): the open and silent tickets and the open determinations
    /// are the union of the parts', the tallies their sums, the strikes all of them, oldest first. Equal to
    /// applying every part's facts to one scorecard, but for the order of strikes with the same time and
    /// the applied-event log, which the result does not carry (<see cref="AppliedEventLog.Empty"/>).
    /// </summary>
    public static MerchantScorecard Merge(string merchantId, IEnumerable<MerchantScorecard> parts)
    {
        ArgumentException.ThrowIfNullOrEmpty(merchantId);
        ArgumentNullException.ThrowIfNull(parts);
        var open = ImmutableSortedSet.CreateBuilder<string>();
        var silent = ImmutableSortedSet.CreateBuilder<string>();
        var determinations = ImmutableSortedDictionary.CreateBuilder<string, MerchantLiability>();
        var strikes = new List<Strike>();
        ResponseCompliance responses = default;
        ResponsibilityTally responsibility = default;
        SatisfactionTally satisfaction = default;
        var totalStrikes = 0;
        DateTimeOffset? trimmedAt = null;
        TimeSpan? retention = null;
        foreach (var part in parts)
        {
            ArgumentNullException.ThrowIfNull(part);
            open.UnionWith(part.OpenDisputes);
            silent.UnionWith(part.SilentTickets);
            foreach (var (ticketId, liability) in part.OpenDeterminations)
            {
                determinations[ticketId] = liability;
            }

            strikes.AddRange(part.Strikes);
            responses = new ResponseCompliance(responses.OnTime + part.Responses.OnTime, responses.Late + part.Responses.Late, responses.Silent + part.Responses.Silent);
            responsibility = new ResponsibilityTally(
                responsibility.Determined + part.Responsibility.Determined, responsibility.Full + part.Responsibility.Full, responsibility.Shared + part.Responsibility.Shared);
            satisfaction = new SatisfactionTally(
                satisfaction.One + part.Satisfaction.One,
                satisfaction.Two + part.Satisfaction.Two,
                satisfaction.Three + part.Satisfaction.Three,
                satisfaction.Four + part.Satisfaction.Four,
                satisfaction.Five + part.Satisfaction.Five);
            totalStrikes += part.TotalStrikes;
            trimmedAt = part.TrimmedAt is { } at && (trimmedAt is null || at < trimmedAt) ? at : trimmedAt;
            retention ??= part.Events.Retention;
        }

        return new MerchantScorecard(
            merchantId,
            open.ToImmutable(),
            responses,
            silent.ToImmutable(),
            responsibility,
            determinations.ToImmutable(),
            satisfaction,
            [.. strikes.OrderBy(s => s.At)],
            totalStrikes,
            AppliedEventLog.Empty(retention))
        {
            TrimmedAt = trimmedAt,
        };
    }

    /// <summary>
    /// Forgets strikes before <paramref name="before"/> (they stay in <see cref="TotalStrikes"/>);
    /// <see cref="TrimIfDue"/> is how the grain calls it.
    /// </summary>
    public MerchantScorecard ForgetStrikesBefore(DateTimeOffset before) =>
        this with { Strikes = Strikes.RemoveAll(s => s.At < before) };

    /// <summary>Forgets the strikes older than <see cref="PartyRetention.History"/> before <paramref name="now"/>
    /// when the last trim is <see cref="PartyRetention.TrimInterval"/> old or more (or there was none);
    /// otherwise the scorecard unchanged.</summary>
    public MerchantScorecard TrimIfDue(DateTimeOffset now, PartyRetention retention)
    {
        ArgumentNullException.ThrowIfNull(retention);
        return retention.IsTrimDue(TrimmedAt, now) ? ForgetStrikesBefore(now - retention.History) with { TrimmedAt = now } : this;
    }
}

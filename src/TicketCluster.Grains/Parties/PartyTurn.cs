using System.Collections.Immutable;
using TicketCluster.Domain;
using TicketCluster.Domain.Parties;
using TicketCluster.Grains.Customers;
using TicketCluster.Grains.Tickets;

namespace TicketCluster.Grains.Parties;

/// <summary>
/// What the customer and merchant grains decide, as pure functions of their state, the call and the time.
/// The grains call these and hold no decision of their own.
/// </summary>
public static class PartyTurn
{
    /// <summary>A batch of a customer's facts applied, and the history trimmed to <paramref name="retention"/>'s
    /// window when the last trim is a day old or more. The facts are the ones the watermarks let through
    /// (<see cref="Watermarks.Accept"/>): on Orleans the watermarks are the deduplication, so the profile's
    /// applied-event log is kept empty (<see cref="WithoutEventLog(CustomerProfile)"/>).</summary>
    public static CustomerProfile Apply(CustomerProfile profile, IEnumerable<CustomerFact> facts, DateTimeOffset now, PartyRetention retention)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return WithoutEventLog(profile.Apply(facts).TrimIfDue(now, retention));
    }

    /// <summary>A batch of a merchant's facts applied, and old strikes trimmed likewise; the applied-event log
    /// kept empty as for a customer.</summary>
    public static MerchantScorecard Apply(MerchantScorecard scorecard, IEnumerable<MerchantFact> facts, DateTimeOffset now, PartyRetention retention)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        return WithoutEventLog(scorecard.Apply(facts).TrimIfDue(now, retention));
    }

    /// <summary>
    /// The profile without its applied-event log (<see cref="AppliedEventLog"/>: every applied event id of
    /// every open ticket). The log deduplicates redeliveries for a model fed without sequence numbers; a
    /// party grain drops a ticket's repeated facts by the ticket's watermark before applying them, which
    /// makes the log a second copy of the same guarantee. Kept, it was the larger part of a party's stored
    /// state (about 140 of a merchant's 290 bytes per open ticket), rewritten with every batch of facts: the
    /// intake's profile showed a merchant's state writes as the silo's largest single cost.
    /// </summary>
    public static CustomerProfile WithoutEventLog(CustomerProfile profile) =>
        profile.Events.Tickets.IsEmpty && profile.Events.LatestAt is null ? profile : profile with { Events = AppliedEventLog.Empty(profile.Events.Retention) };

    /// <inheritdoc cref="WithoutEventLog(CustomerProfile)"/>
    public static MerchantScorecard WithoutEventLog(MerchantScorecard scorecard) =>
        scorecard.Events.Tickets.IsEmpty && scorecard.Events.LatestAt is null ? scorecard : scorecard with { Events = AppliedEventLog.Empty(scorecard.Events.Retention) };

    /// <summary>
    /// Whether <paramref name="after"/>, a batch of facts applied to <paramref name="before"/>
    /// (<see cref="Apply(CustomerProfile, IEnumerable{CustomerFact}, DateTimeOffset, PartyRetention)"/>),
    /// holds what <paramref name="before"/> held: tier, trim time, complaints, returns and inspections equal,
    /// and no applied-event log in either. Such a batch needs no write of its own.
    /// </summary>
    public static bool Unchanged(CustomerProfile before, CustomerProfile after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return before.CustomerId == after.CustomerId
            && before.Tier == after.Tier
            && before.TrimmedAt == after.TrimmedAt
            && Same(before.Complaints, after.Complaints)
            && Same(before.Returns, after.Returns)
            && Same(before.Inspections, after.Inspections)
            && before.Events == after.Events;

        static bool Same<T>(ImmutableList<T> a, ImmutableList<T> b) => ReferenceEquals(a, b) || a.SequenceEqual(b);
    }

    /// <summary>What classification needs to know of the customer's past at intake, and the tier the
    /// profile knows. A complaint the same intake (<paramref name="intakeFingerprint"/>) reserved in an
    /// attempt that died is not its history.</summary>
    public static CustomerHistory History(CustomerProfile profile, string orderId, TimeSpan window, string? intakeFingerprint, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(orderId);
        return new CustomerHistory(
            profile.ComplaintsWithin(now, window, intakeFingerprint),
            profile.HasComplainedAboutOrder(orderId, intakeFingerprint),
            profile.Tier);
    }

    /// <summary>
    /// Routes an intake: to the open ticket about the same order and category when there is one (no
    /// write: <see cref="IntakeRouting.Profile"/> is null), otherwise to <paramref name="candidateTicketId"/>,
    /// reserved as the customer's open complaint at once with the tier the intake stated, and the history
    /// trimmed when a trim is due (<see cref="CustomerProfile.TrimIfDue"/>). The reservation's write trims, so
    /// that the ticket's opening fact, which finds the reserved complaint, changes nothing and needs no
    /// write of its own (<see cref="Unchanged"/>).
    /// </summary>
    public static IntakeRouting Route(
        CustomerProfile profile,
        string orderId,
        TicketCategory category,
        string candidateTicketId,
        CustomerTier? statedTier,
        bool forceNew,
        string? intakeFingerprint,
        DateTimeOffset now,
        PartyRetention retention)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(retention);
        ArgumentNullException.ThrowIfNull(orderId);
        ArgumentException.ThrowIfNullOrEmpty(candidateTicketId);
        if (!forceNew && profile.FindOpenTicket(orderId, category) is { } open)
        {
            return new IntakeRouting(new IntakeRoute(open, Merged: true, profile.Tier), null);
        }

        var reserved = profile.WithTier(statedTier ?? profile.Tier).Reserve(candidateTicketId, orderId, category, now, intakeFingerprint).TrimIfDue(now, retention);
        return new IntakeRouting(new IntakeRoute(candidateTicketId, Merged: false, profile.Tier), reserved);
    }

    /// <summary>The profile without a reservation whose ticket was never opened, with the tier before
    /// the intake: as it was before the intake, but for history past its retention that the reservation's trim
    /// (<see cref="Route"/>) forgot.</summary>
    public static CustomerProfile Abandon(CustomerProfile profile, string ticketId, CustomerTier previousTier)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentException.ThrowIfNullOrEmpty(ticketId);
        return profile.WithoutReservation(ticketId).WithTier(previousTier);
    }
}

/// <summary>
/// A party's per-ticket watermarks (Orleans grains): a ticket pushes its facts in sequence order, at least
/// once, so a receiver applies a fact only when its sequence is above the last it applied from that ticket.
/// Memory is bounded: a ticket's watermark goes <see cref="Retention"/> after its last change, far longer
/// than a ticket keeps retrying a push it still owes.
/// </summary>
public static class Watermarks
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    /// <summary>The facts of <paramref name="facts"/> not applied before (above the ticket's watermark), and
    /// the watermarks after applying them, without the entries older than <see cref="Retention"/>.</summary>
    public static (ImmutableArray<T> Fresh, ImmutableDictionary<string, Watermark> Watermarks) Accept<T>(
        ImmutableDictionary<string, Watermark> watermarks, string ticketId, IEnumerable<Sequenced<T>> facts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(watermarks);
        ArgumentException.ThrowIfNullOrEmpty(ticketId);
        ArgumentNullException.ThrowIfNull(facts);
        var last = watermarks.TryGetValue(ticketId, out var mark) ? mark.Sequence : 0;
        var fresh = ImmutableArray.CreateBuilder<T>();
        foreach (var fact in facts.OrderBy(f => f.Sequence))
        {
            if (fact.Sequence > last)
            {
                fresh.Add(fact.Fact);
                last = fact.Sequence;
            }
        }

        var kept = watermarks.RemoveRange(watermarks.Where(w => w.Value.At < now - Retention).Select(w => w.Key));
        return (fresh.ToImmutable(), fresh.Count == 0 && kept.Count == watermarks.Count ? watermarks : fresh.Count == 0 ? kept : kept.SetItem(ticketId, new Watermark(last, now)));
    }
}

/// <summary>Where an intake goes, and the profile to write (null: nothing changed).</summary>
public sealed record IntakeRouting(IntakeRoute Route, CustomerProfile? Profile);

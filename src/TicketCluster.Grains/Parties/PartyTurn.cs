using TicketCluster.Domain;
using TicketCluster.Domain.Parties;
using TicketCluster.Grains.Customers;

namespace TicketCluster.Grains.Parties;

/// <summary>
/// What the customer and merchant grains decide, as pure functions of their state, the call and the time.
/// Both grain shells (the legacy runtime's and Orleans') call these and hold no decision of their own.
/// </summary>
public static class PartyTurn
{
    /// <summary>A batch of a customer's facts applied (each event id once), and the history trimmed to
    /// <paramref name="retention"/>'s window when the last trim is a day old or more.</summary>
    public static CustomerProfile Apply(CustomerProfile profile, IEnumerable<CustomerFact> facts, DateTimeOffset now, PartyRetention retention)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return profile.Apply(facts).TrimIfDue(now, retention);
    }

    /// <summary>A batch of a merchant's facts applied, and old strikes trimmed likewise.</summary>
    public static MerchantScorecard Apply(MerchantScorecard scorecard, IEnumerable<MerchantFact> facts, DateTimeOffset now, PartyRetention retention)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        return scorecard.Apply(facts).TrimIfDue(now, retention);
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
    /// reserved as the customer's open complaint at once with the tier the intake stated.
    /// </summary>
    public static IntakeRouting Route(
        CustomerProfile profile, string orderId, TicketCategory category, string candidateTicketId, CustomerTier? statedTier, bool forceNew, string? intakeFingerprint, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(orderId);
        ArgumentException.ThrowIfNullOrEmpty(candidateTicketId);
        if (!forceNew && profile.FindOpenTicket(orderId, category) is { } open)
        {
            return new IntakeRouting(new IntakeRoute(open, Merged: true, profile.Tier), null);
        }

        var reserved = profile.WithTier(statedTier ?? profile.Tier).Reserve(candidateTicketId, orderId, category, now, intakeFingerprint);
        return new IntakeRouting(new IntakeRoute(candidateTicketId, Merged: false, profile.Tier), reserved);
    }

    /// <summary>The profile without a reservation whose ticket was never opened, with the tier before
    /// the intake: as it was before the intake.</summary>
    public static CustomerProfile Abandon(CustomerProfile profile, string ticketId, CustomerTier previousTier)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentException.ThrowIfNullOrEmpty(ticketId);
        return profile.WithoutReservation(ticketId).WithTier(previousTier);
    }
}

/// <summary>Where an intake goes, and the profile to write (null: nothing changed).</summary>
public sealed record IntakeRouting(IntakeRoute Route, CustomerProfile? Profile);

using TicketCluster.Domain;
using TicketCluster.Domain.Parties;
using TicketCluster.Runtime.Grains;
using TicketCluster.Runtime.Storage;

namespace TicketCluster.Grains.Customers;

/// <summary>
/// A customer as a virtual grain: complaint history for repeat detection and the merge rule, and the
/// return-abuse flag. Fed by the facts its tickets publish through the outbox (applied once per event
/// id), and, at intake, by the reservation of a new ticket, so that two intakes about the same problem
/// racing each other cannot both open a ticket. The history is trimmed to the retention's window when a
/// batch of facts is applied and the last trim is a day old or more, so an idle customer costs nothing.
/// </summary>
public sealed class CustomerGrain(PartyRetention retention) : Grain<CustomerProfile>, IEventReceiver
{
    protected override CustomerProfile CreateInitialState() => CustomerProfile.Create(Id.Key, CustomerTier.Regular);

    public Task<CustomerProfile> GetAsync() => Task.FromResult(State);

    /// <summary>What classification needs to know of the customer's past at intake, and the tier the
    /// profile knows (an intake that states no tier is classified with it). A complaint the same intake
    /// (<paramref name="intakeFingerprint"/>) reserved in an attempt that died is not its history.</summary>
    public Task<CustomerHistory> GetHistoryAsync(string orderId, TimeSpan window, string? intakeFingerprint = null)
    {
        ArgumentNullException.ThrowIfNull(orderId);
        return Task.FromResult(new CustomerHistory(
            State.ComplaintsWithin(Now, window, intakeFingerprint),
            State.HasComplainedAboutOrder(orderId, intakeFingerprint),
            State.Tier));
    }

    /// <summary>
    /// Routes an intake: the open ticket about the same order and category when there is one (the intake
    /// merges into it), otherwise <paramref name="candidateTicketId"/>, which is reserved as this
    /// customer's open complaint at once. The ticket's opening fact, arriving later through the outbox,
    /// finds the reservation and is not counted twice.
    /// </summary>
    /// <param name="statedTier">The tier a trusted caller stated with the intake; null keeps the profile's.</param>
    /// <param name="forceNew">Reserve the candidate even when an open ticket exists (that ticket refused
    /// the intake: it is no longer open, though its closing fact has not arrived yet).</param>
    /// <param name="intakeFingerprint">The intake's fingerprint, kept on the reservation.</param>
    public async Task<IntakeRoute> RouteIntakeAsync(string orderId, TicketCategory category, string candidateTicketId, CustomerTier? statedTier, bool forceNew, string? intakeFingerprint = null)
    {
        ArgumentNullException.ThrowIfNull(orderId);
        ArgumentException.ThrowIfNullOrEmpty(candidateTicketId);
        if (!forceNew && State.FindOpenTicket(orderId, category) is { } open)
        {
            return new IntakeRoute(open, Merged: true, State.Tier);
        }

        var previousTier = State.Tier;
        State = State.WithTier(statedTier ?? previousTier).Reserve(candidateTicketId, orderId, category, Now, intakeFingerprint);
        await WriteStateAsync();
        return new IntakeRoute(candidateTicketId, Merged: false, previousTier);
    }

    /// <summary>Withdraws a reservation whose ticket was never opened (its intake was refused), and the
    /// tier the intake stated: the profile is as it was before the intake.</summary>
    public async Task AbandonIntakeAsync(string ticketId, CustomerTier previousTier)
    {
        ArgumentException.ThrowIfNullOrEmpty(ticketId);
        State = State.WithoutReservation(ticketId).WithTier(previousTier);
        await WriteStateAsync();
    }

    public async Task ReceiveEventsAsync(IReadOnlyList<OutboxMessage> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var facts = batch.Select(m => ReadPayload<CustomerFact>(m.Payload)).ToList();
        State = State.Apply(facts).TrimIfDue(Now, retention);
        await WriteStateAsync();
    }

    /// <summary>The id of a ticket's opening event (<c>{ticketId}:1</c>; events are numbered from 1).</summary>
    public static string OpeningEventId(string ticketId) => ticketId + ":1";
}

/// <summary>The customer's complaint count within the repeat window, whether this order was complained
/// about before, and the tier the profile knows.</summary>
public sealed record CustomerHistory(int RecentComplaints, bool ComplainedAboutOrderBefore, CustomerTier Tier);

/// <summary>The ticket an intake goes to: an open one to merge into, or the new one reserved for it; and
/// the profile's tier before the intake, to restore if the reservation is abandoned.</summary>
public sealed record IntakeRoute(string TicketId, bool Merged, CustomerTier PreviousTier);

using TicketCluster.Domain;
using TicketCluster.Domain.Parties;
using TicketCluster.Runtime.Grains;
using TicketCluster.Runtime.Storage;

namespace TicketCluster.Grains.Customers;

/// <summary>
/// A customer as a virtual grain: complaint history for repeat detection and the merge rule, and the
/// return-abuse flag. Fed by the facts its tickets publish through the outbox (applied once per event
/// id), and, at intake, by the reservation of a new ticket, so that two intakes about the same problem
/// racing each other cannot both open a ticket.
/// </summary>
public sealed class CustomerGrain : Grain<CustomerProfile>, IEventReceiver
{
    protected override CustomerProfile CreateInitialState() => CustomerProfile.Create(Id.Key, CustomerTier.Regular);

    public Task<CustomerProfile> GetAsync() => Task.FromResult(State);

    /// <summary>What classification needs to know of the customer's past at intake.</summary>
    public Task<CustomerHistory> GetHistoryAsync(string orderId, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(orderId);
        return Task.FromResult(new CustomerHistory(State.ComplaintsWithin(Now, window), State.HasComplainedAboutOrder(orderId)));
    }

    /// <summary>
    /// Routes an intake: the open ticket about the same order and category when there is one (the intake
    /// merges into it), otherwise <paramref name="candidateTicketId"/>, which is recorded as this
    /// customer's open complaint at once (under the id of the ticket's opening event, so the fact that
    /// arrives later through the outbox is recognised and not counted twice).
    /// </summary>
    /// <param name="forceNew">Reserve the candidate even when an open ticket exists (that ticket refused
    /// the intake: it is no longer open, though its closing fact has not arrived yet).</param>
    public async Task<IntakeRoute> RouteIntakeAsync(string orderId, TicketCategory category, string candidateTicketId, CustomerTier tier, bool forceNew)
    {
        ArgumentNullException.ThrowIfNull(orderId);
        ArgumentException.ThrowIfNullOrEmpty(candidateTicketId);
        if (!forceNew && State.FindOpenTicket(orderId, category) is { } open)
        {
            return new IntakeRoute(open, Merged: true);
        }

        State = State.WithTier(tier).Apply(new ComplaintOpened(OpeningEventId(candidateTicketId), candidateTicketId, Now, orderId, category));
        await WriteStateAsync();
        return new IntakeRoute(candidateTicketId, Merged: false);
    }

    /// <summary>Withdraws a reservation whose ticket was never opened (its intake was refused).</summary>
    public async Task AbandonIntakeAsync(string ticketId)
    {
        ArgumentException.ThrowIfNullOrEmpty(ticketId);
        State = State.Apply(new ComplaintClosed(ticketId + ":abandoned", ticketId, Now));
        await WriteStateAsync();
    }

    public async Task ReceiveEventsAsync(IReadOnlyList<OutboxMessage> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var facts = batch.Select(m => ReadPayload<CustomerFact>(m.Payload)).ToList();
        State = State.Apply(facts);
        await WriteStateAsync();
    }

    /// <summary>The id of a ticket's opening event (<c>{ticketId}:1</c>; events are numbered from 1).</summary>
    public static string OpeningEventId(string ticketId) => ticketId + ":1";
}

/// <summary>The customer's complaint count within the repeat window, and whether this order was complained about before.</summary>
public sealed record CustomerHistory(int RecentComplaints, bool ComplainedAboutOrderBefore);

/// <summary>The ticket an intake goes to: an open one to merge into, or the new one reserved for it.</summary>
public sealed record IntakeRoute(string TicketId, bool Merged);

using TicketCluster.Domain;
using TicketCluster.Domain.Parties;
using TicketCluster.Grains.Customers;
using TicketCluster.Grains.Parties;
using TicketCluster.Runtime.Grains;
using TicketCluster.Runtime.Storage;
using Grain = TicketCluster.Runtime.Grains.Grain<TicketCluster.Domain.Parties.CustomerProfile>;

namespace TicketCluster.Grains.Legacy;

/// <summary>
/// A customer on the legacy grain runtime: complaint history for repeat detection and the merge rule, and
/// the return-abuse flag; a shell around <see cref="PartyTurn"/>. Fed by the facts its tickets publish
/// through the outbox (applied once per event id), and, at intake, by the reservation of a new ticket, so
/// that two intakes about the same problem racing each other cannot both open a ticket.
/// </summary>
public sealed class CustomerGrain(PartyRetention retention) : Grain, IEventReceiver
{
    protected override CustomerProfile CreateInitialState() => CustomerProfile.Create(Id.Key, CustomerTier.Regular);

    public Task<CustomerProfile> GetAsync() => Task.FromResult(State);

    /// <summary>What classification needs to know of the customer's past at intake (<see cref="PartyTurn.History"/>).</summary>
    public Task<CustomerHistory> GetHistoryAsync(string orderId, TimeSpan window, string? intakeFingerprint = null) =>
        Task.FromResult(PartyTurn.History(State, orderId, window, intakeFingerprint, Now));

    /// <summary>
    /// Routes an intake (<see cref="PartyTurn.Route"/>): the open ticket about the same order and category,
    /// or <paramref name="candidateTicketId"/>, reserved at once. The ticket's opening fact, arriving later
    /// through the outbox, finds the reservation and is not counted twice.
    /// </summary>
    /// <param name="statedTier">The tier a trusted caller stated with the intake; null keeps the profile's.</param>
    /// <param name="forceNew">Reserve the candidate even when an open ticket exists (that ticket refused
    /// the intake: it is no longer open, though its closing fact has not arrived yet).</param>
    /// <param name="intakeFingerprint">The intake's fingerprint, kept on the reservation.</param>
    public async Task<IntakeRoute> RouteIntakeAsync(string orderId, TicketCategory category, string candidateTicketId, CustomerTier? statedTier, bool forceNew, string? intakeFingerprint = null)
    {
        var routing = PartyTurn.Route(State, orderId, category, candidateTicketId, statedTier, forceNew, intakeFingerprint, Now);
        if (routing.Profile is { } reserved)
        {
            State = reserved;
            await WriteStateAsync();
        }

        return routing.Route;
    }

    /// <summary>Withdraws a reservation whose ticket was never opened (its intake was refused), and the
    /// tier the intake stated: the profile is as it was before the intake.</summary>
    public async Task AbandonIntakeAsync(string ticketId, CustomerTier previousTier)
    {
        State = PartyTurn.Abandon(State, ticketId, previousTier);
        await WriteStateAsync();
    }

    public async Task ReceiveEventsAsync(IReadOnlyList<OutboxMessage> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        State = PartyTurn.Apply(State, batch.Select(m => ReadPayload<CustomerFact>(m.Payload)).ToList(), Now, retention);
        await WriteStateAsync();
    }
}

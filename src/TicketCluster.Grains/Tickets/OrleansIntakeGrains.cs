using TicketCluster.Domain;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Customers;
using TicketCluster.Grains.Interfaces;
using TicketCluster.Storage;
using TicketCluster.Storage.Providers;

namespace TicketCluster.Grains.Tickets;

/// <summary>An intake's calls on Orleans: grain calls through <see cref="IGrainFactory"/>, key lookups through
/// <see cref="IIntakeKeyLookup"/>. The open of a ticket id drawn for the intake (<c>isNew</c>) tells the grain storage
/// that the ticket has never been written (<see cref="NewGrainHint"/>), so its activation does not read the absent row.</summary>
public sealed class OrleansIntakeGrains(IGrainFactory grains, IIntakeKeyLookup keys) : IIntakeGrains
{
    public Task<string?> FindKeyOwnerAsync(string scope, string key, CancellationToken cancellationToken) =>
        keys.FindOwnerAsync(scope, key, cancellationToken);

    public Task<CustomerHistory> GetHistoryAsync(string customerId, string orderId, TimeSpan window, string intakeFingerprint, CancellationToken cancellationToken) =>
        Customer(customerId).GetHistoryAsync(orderId, window, intakeFingerprint);

    public Task<IntakeRoute> RouteAsync(
        string customerId, string orderId, TicketCategory category, string candidateTicketId, CustomerTier? statedTier, bool forceNew, string intakeFingerprint, CancellationToken cancellationToken) =>
        Customer(customerId).RouteIntakeAsync(orderId, category, candidateTicketId, statedTier, forceNew, intakeFingerprint);

    public Task AbandonAsync(string customerId, string ticketId, CustomerTier previousTier, CancellationToken cancellationToken) =>
        Customer(customerId).AbandonIntakeAsync(ticketId, previousTier);

    public Task<IntakeTurn> OpenOrMergeAsync(string ticketId, bool isNew, OpenTicket open, string contactId, IntakeKeys keys, CancellationToken cancellationToken)
    {
        var ticket = grains.GetGrain<ITicketGrain>(ticketId);
        return isNew
            ? NewGrainHint.Call(ticket.GetGrainId(), () => ticket.OpenOrMergeAsync(open, contactId, keys))
            : ticket.OpenOrMergeAsync(open, contactId, keys);
    }

    public Task<IntakeReplay> GetIntakeReplayAsync(string ticketId, IntakeKeys keys, CancellationToken cancellationToken) =>
        grains.GetGrain<ITicketGrain>(ticketId).GetIntakeReplayAsync(keys);

    private ICustomerGrain Customer(string customerId) => grains.GetGrain<ICustomerGrain>(customerId);
}

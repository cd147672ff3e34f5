using TicketCluster.Domain;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Customers;

namespace TicketCluster.Grains.Tickets;

/// <summary>The calls an intake makes (<see cref="IntakeProcess"/>); on Orleans, <see cref="OrleansIntakeGrains"/>.</summary>
public interface IIntakeGrains
{
    /// <summary>The ticket that holds an intake key in its scope, or null (a primary-key read).</summary>
    Task<string?> FindKeyOwnerAsync(string scope, string key, CancellationToken cancellationToken);

    Task<CustomerHistory> GetHistoryAsync(string customerId, string orderId, TimeSpan window, string intakeFingerprint, CancellationToken cancellationToken);

    Task<IntakeRoute> RouteAsync(
        string customerId, string orderId, TicketCategory category, string candidateTicketId, CustomerTier? statedTier, bool forceNew, string intakeFingerprint, CancellationToken cancellationToken);

    Task AbandonAsync(string customerId, string ticketId, CustomerTier previousTier, CancellationToken cancellationToken);

    /// <summary>Opens or merges into <paramref name="ticketId"/> (<paramref name="isNew"/>: the id was drawn
    /// for this intake). A duplicate key answers <see cref="IntakeTurn.KeyOwner"/>.</summary>
    Task<IntakeTurn> OpenOrMergeAsync(string ticketId, bool isNew, OpenTicket open, string contactId, IntakeKeys keys, CancellationToken cancellationToken);

    Task<IntakeReplay> GetIntakeReplayAsync(string ticketId, IntakeKeys keys, CancellationToken cancellationToken);
}

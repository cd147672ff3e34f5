using System.Collections.Immutable;
using TicketCluster.Domain;
using TicketCluster.Domain.Parties;
using TicketCluster.Grains.Customers;
using TicketCluster.Grains.Tickets;

namespace TicketCluster.Grains.Interfaces;

/// <summary>A customer (key: the customer id): intake routing and the facts of its tickets.</summary>
[Alias("tc.ICustomerGrain")]
public interface ICustomerGrain : IGrainWithStringKey
{
    [Alias("get")]
    Task<CustomerProfile> GetAsync();

    [Alias("history")]
    Task<CustomerHistory> GetHistoryAsync(string orderId, TimeSpan window, string? intakeFingerprint);

    [Alias("route")]
    Task<IntakeRoute> RouteIntakeAsync(string orderId, TicketCategory category, string candidateTicketId, CustomerTier? statedTier, bool forceNew, string? intakeFingerprint);

    [Alias("abandon")]
    Task AbandonIntakeAsync(string ticketId, CustomerTier previousTier);

    /// <summary>Applies a ticket's facts above the ticket's watermark, in sequence order; returns after the
    /// write, which acknowledges them. A batch that leaves the profile as it was is not written: the
    /// watermark rides in the next write, and the facts, pushed again, change nothing again.</summary>
    [Alias("facts")]
    Task ApplyFactsAsync(string ticketId, ImmutableArray<Sequenced<CustomerFact>> facts);
}

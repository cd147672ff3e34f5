using Orleans.Concurrency;
using System.Collections.Immutable;
using TicketCluster.Domain.Parties;
using TicketCluster.Grains.Tickets;

namespace TicketCluster.Grains.Interfaces;

/// <summary>One part of a merchant's scorecard (key <c>{merchantId}/{part}</c>, <see cref="Merchants.MerchantParts"/>):
/// the facts of the merchant's tickets that fall in the part. <see cref="IMerchantGrain.GetAsync"/> sums the parts.</summary>
[Alias("tc.IMerchantPartGrain")]
public interface IMerchantPartGrain : IGrainWithStringKey
{
    /// <summary>This part's scorecard alone.</summary>
    [Alias("get")]
    Task<MerchantScorecard> GetAsync();

    /// <inheritdoc cref="IMerchantGrain.ApplyFactsAsync"/>
    [Alias("facts"), AlwaysInterleave]
    Task ApplyFactsAsync(string ticketId, ImmutableArray<Sequenced<MerchantFact>> facts);
}

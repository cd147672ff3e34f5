using Orleans.Concurrency;
using System.Collections.Immutable;
using TicketCluster.Domain.Parties;
using TicketCluster.Grains.Tickets;

namespace TicketCluster.Grains.Interfaces;

/// <summary>A merchant (key: the merchant id): its scorecard from the facts of its tickets. A ticket's facts
/// go to one of the scorecard's parts (<see cref="IMerchantPartGrain"/>); those of tickets opened before the
/// scorecard had parts come here.</summary>
[Alias("tc.IMerchantGrain")]
public interface IMerchantGrain : IGrainWithStringKey
{
    /// <summary>The whole scorecard: this grain's own facts and every part's, summed
    /// (<see cref="MerchantScorecard.Merge"/>).</summary>
    [Alias("get")]
    Task<MerchantScorecard> GetAsync();

    /// <summary>Applies a ticket's facts above the ticket's watermark; returns after the write that holds
    /// them. Interleaves: the calls arriving while a write is in flight leave together in the next one.</summary>
    [Alias("facts"), AlwaysInterleave]
    Task ApplyFactsAsync(string ticketId, ImmutableArray<Sequenced<MerchantFact>> facts);
}

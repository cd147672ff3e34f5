using TicketCluster.Domain.Parties;
using TicketCluster.Grains.Parties;
using TicketCluster.Runtime.Grains;
using TicketCluster.Runtime.Storage;
using Grain = TicketCluster.Runtime.Grains.Grain<TicketCluster.Domain.Parties.MerchantScorecard>;

namespace TicketCluster.Grains.Legacy;

/// <summary>
/// A merchant on the legacy grain runtime: its scorecard, built from the facts its tickets publish
/// (<see cref="PartyTurn"/>). The outbox relay hands a hot merchant its pending facts in batches, each
/// batch one turn and one state write, so a merchant with thousands of tickets during a sale does not
/// serialize the cluster.
/// </summary>
public sealed class MerchantGrain(PartyRetention retention) : Grain, IEventReceiver
{
    protected override MerchantScorecard CreateInitialState() => MerchantScorecard.Create(Id.Key);

    public Task<MerchantScorecard> GetAsync() => Task.FromResult(State);

    public async Task ReceiveEventsAsync(IReadOnlyList<OutboxMessage> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        State = PartyTurn.Apply(State, batch.Select(m => ReadPayload<MerchantFact>(m.Payload)).ToList(), Now, retention);
        await WriteStateAsync();
    }
}

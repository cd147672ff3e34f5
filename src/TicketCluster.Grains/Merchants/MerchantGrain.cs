using TicketCluster.Domain.Parties;
using TicketCluster.Runtime.Grains;
using TicketCluster.Runtime.Storage;

namespace TicketCluster.Grains.Merchants;

/// <summary>
/// A merchant as a virtual grain: its scorecard, built from the facts its tickets publish. The outbox
/// relay hands a hot merchant its pending facts in batches, each batch one turn and one state write, so
/// a merchant with thousands of tickets during a sale does not serialize the cluster. The strikes are
/// trimmed to the retention's window when a batch is applied and the last trim is a day old or more.
/// </summary>
public sealed class MerchantGrain(PartyRetention retention) : Grain<MerchantScorecard>, IEventReceiver
{
    protected override MerchantScorecard CreateInitialState() => MerchantScorecard.Create(Id.Key);

    public Task<MerchantScorecard> GetAsync() => Task.FromResult(State);

    public async Task ReceiveEventsAsync(IReadOnlyList<OutboxMessage> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var facts = batch.Select(m => ReadPayload<MerchantFact>(m.Payload)).ToList();
        State = State.Apply(facts).TrimIfDue(Now, retention);
        await WriteStateAsync();
    }
}

using System.Collections.Immutable;
using TicketCluster.Domain.Parties;
using TicketCluster.Grains.Interfaces;
using TicketCluster.Grains.Parties;
using TicketCluster.Grains.Tickets;

namespace TicketCluster.Grains.Merchants;

/// <summary>
/// A merchant on Orleans. Its read sums its own scorecard and its parts' (<see cref="MerchantPartGrain"/>),
/// where the tickets opened since scorecards had parts send their facts; its own holds the facts of tickets
/// opened before, which keep coming here (<see cref="TicketGrainState.MerchantPart"/> is null for them).
/// </summary>
[GrainType(GrainTypes.Merchant)]
public sealed class MerchantGrain(
    [PersistentState(GrainTypes.Merchant, GrainTypes.StorageName)] IPersistentState<PartyGrainState<MerchantScorecard>> state,
    TimeProvider time,
    PartyRetention retention) : MerchantScorecardGrain(state, time, retention), IMerchantGrain
{
    protected override string MerchantId => this.GetPrimaryKeyString();

    public async Task<MerchantScorecard> GetAsync()
    {
        var parts = await Task.WhenAll(Enumerable.Range(0, MerchantParts.Count)
            .Select(part => GrainFactory.GetGrain<IMerchantPartGrain>(MerchantParts.Key(MerchantId, part)).GetAsync()));
        return MerchantScorecard.Merge(MerchantId, [Scorecard, .. parts]);
    }
}

/// <summary>One part of a merchant's scorecard (<see cref="MerchantParts"/>): the facts of its tickets.</summary>
[GrainType(GrainTypes.MerchantPart)]
public sealed class MerchantPartGrain(
    [PersistentState(GrainTypes.MerchantPart, GrainTypes.StorageName)] IPersistentState<PartyGrainState<MerchantScorecard>> state,
    TimeProvider time,
    PartyRetention retention) : MerchantScorecardGrain(state, time, retention), IMerchantPartGrain
{
    protected override string MerchantId => MerchantParts.MerchantOf(this.GetPrimaryKeyString());

    public Task<MerchantScorecard> GetAsync() => Task.FromResult(Scorecard);
}

/// <summary>
/// A scorecard fed by the facts its tickets push (<see cref="PartyTurn"/>), the merchant's own or a part's.
/// <see cref="ApplyFactsAsync"/> interleaves: each call adds its facts to the batch being gathered and
/// awaits the write that carries it; one write at a time, so a scorecard with thousands of tickets is
/// written once per round trip. All grain code runs on the activation's scheduler, one piece at a time, so
/// the batch needs no lock.
/// </summary>
public abstract class MerchantScorecardGrain(
    IPersistentState<PartyGrainState<MerchantScorecard>> state,
    TimeProvider time,
    PartyRetention retention) : Grain
{
    private List<(string TicketId, ImmutableArray<Sequenced<MerchantFact>> Facts)> _gathering = [];
    private TaskCompletionSource _gathered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _writing;

    protected abstract string MerchantId { get; }

    /// <summary>This grain's scorecard as stored (a new one before the first write).</summary>
    protected MerchantScorecard Scorecard => state.State.Profile ?? MerchantScorecard.Create(MerchantId);

    public Task ApplyFactsAsync(string ticketId, ImmutableArray<Sequenced<MerchantFact>> facts)
    {
        ArgumentException.ThrowIfNullOrEmpty(ticketId);
        _gathering.Add((ticketId, facts));
        var written = _gathered.Task;
        if (!_writing)
        {
            _ = WriteBatchesAsync();
        }

        return written;
    }

    /// <summary>Writes the gathered batches one after the other until none is left; each caller learns
    /// the outcome of the write that carried its facts.</summary>
    private async Task WriteBatchesAsync()
    {
        _writing = true;
        try
        {
            while (_gathering.Count > 0)
            {
                var batch = _gathering;
                var done = _gathered;
                _gathering = [];
                _gathered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var before = state.State;
                try
                {
                    state.State = Apply(before, batch, time.GetUtcNow());
                    await state.WriteStateAsync();
                    done.SetResult();
                }
                catch (Exception e)
                {
                    state.State = before;
                    done.SetException(e);
                }
            }
        }
        finally
        {
            _writing = false;
        }
    }

    private PartyGrainState<MerchantScorecard> Apply(
        PartyGrainState<MerchantScorecard> current, List<(string TicketId, ImmutableArray<Sequenced<MerchantFact>> Facts)> batch, DateTimeOffset now)
    {
        var watermarks = current.Watermarks;
        var fresh = new List<MerchantFact>();
        foreach (var (ticketId, facts) in batch)
        {
            (var accepted, watermarks) = Watermarks.Accept(watermarks, ticketId, facts, now);
            fresh.AddRange(accepted);
        }

        return new PartyGrainState<MerchantScorecard> { Profile = PartyTurn.Apply(current.Profile ?? Scorecard, fresh, now, retention), Watermarks = watermarks };
    }
}

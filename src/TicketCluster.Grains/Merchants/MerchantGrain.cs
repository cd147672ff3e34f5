using System.Collections.Immutable;
using TicketCluster.Domain.Parties;
using TicketCluster.Grains.Interfaces;
using TicketCluster.Grains.Parties;
using TicketCluster.Grains.Tickets;

namespace TicketCluster.Grains.Merchants;

/// <summary>
/// A merchant on Orleans: its scorecard from the facts its tickets push (<see cref="PartyTurn"/>).
/// <see cref="ApplyFactsAsync"/> interleaves: each call adds its facts to the batch being gathered and
/// awaits the write that carries it; one write at a time, so a merchant with thousands of tickets writes
/// its scorecard once per round trip. All grain code runs on the activation's scheduler, one piece at a
/// time, so the batch needs no lock.
/// </summary>
[GrainType(GrainTypes.Merchant)]
public sealed class MerchantGrain(
    [PersistentState(GrainTypes.Merchant, GrainTypes.StorageName)] IPersistentState<PartyGrainState<MerchantScorecard>> state,
    TimeProvider time,
    PartyRetention retention) : Grain, IMerchantGrain
{
    private List<(string TicketId, ImmutableArray<Sequenced<MerchantFact>> Facts)> _gathering = [];
    private TaskCompletionSource _gathered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _writing;

    private MerchantScorecard Scorecard => state.State.Profile ?? MerchantScorecard.Create(this.GetPrimaryKeyString());

    public Task<MerchantScorecard> GetAsync() => Task.FromResult(Scorecard);

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

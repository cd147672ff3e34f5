namespace TicketCluster.Grains.Persistence;

/// <summary>Writing a grain's state so that a failed write leaves the activation as it was.</summary>
internal static class PersistentStates
{
    /// <summary>Sets <paramref name="next"/> and writes it; when the write fails, the state held before is put
    /// back and the failure passes to the caller (nothing of the turn took effect, as far as the grain knows).</summary>
    public static async Task WriteAsync<T>(this IPersistentState<T> state, T next)
    {
        ArgumentNullException.ThrowIfNull(state);
        var before = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception)
        {
            state.State = before;
            throw;
        }
    }
}

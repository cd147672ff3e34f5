using Orleans.Runtime;

namespace TicketCluster.Storage.Providers;

/// <summary>
/// A caller's word that the grain it is about to call has never been written: an id it has just drawn, as an
/// intake draws its new ticket's. It travels in Orleans' <see cref="RequestContext"/> with the call, and the
/// grain storage (<see cref="GrainStateStorage"/>) answers the activation's read of that one grain "no row"
/// without asking the database: one read fewer in the intake's answer path (docs/storage.md, "A new grain").
/// </summary>
/// <remarks>
/// A wrong word costs a retry, never state: the first write of a grain believed new expects no row, and a
/// stored row refuses it (<c>InconsistentStateException</c>); the grain reads again and decides once more.
/// That read must be a real one, so a grain that receives the hint removes it when its turn begins
/// (<see cref="Clear"/>): the request context of a turn is the call's, hint included. The hint names the
/// grain, so the other grains the call reaches read as always.
/// </remarks>
public static class NewGrainHint
{
    /// <summary>The request context key; its value is the new grain's id as text.</summary>
    internal const string Key = "tc-new-grain";

    /// <summary>Marks the calls made until the returned scope is disposed as calls to <paramref name="grainId"/>
    /// while it has never been written. Dispose it once the call has been made (the call takes the request
    /// context with it when it is made).</summary>
    public static IDisposable For(GrainId grainId)
    {
        var previous = RequestContext.Get(Key);
        RequestContext.Set(Key, grainId.ToString());
        return new Scope(previous);
    }

    /// <summary>Makes <paramref name="call"/>, a call to <paramref name="grainId"/> while it has never been written,
    /// with the hint, and removes the hint once the call is made: Orleans takes the request context into the call's
    /// message when the call is made, so the call carries the hint and the caller's later calls do not.</summary>
    public static T Call<T>(GrainId grainId, Func<T> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        using (For(grainId))
        {
            return call();
        }
    }

    /// <summary>Removes the hint from the current request context, so that reads and calls that follow are as
    /// always.</summary>
    public static void Clear() => RequestContext.Remove(Key);

    /// <summary>Whether the current request context says that <paramref name="grainId"/> has never been written.</summary>
    public static bool Covers(GrainId grainId) =>
        RequestContext.Get(Key) is string id && string.Equals(id, grainId.ToString(), StringComparison.Ordinal);

    private sealed class Scope(object? previous) : IDisposable
    {
        public void Dispose()
        {
            if (previous is null)
            {
                RequestContext.Remove(Key);
            }
            else
            {
                RequestContext.Set(Key, previous);
            }
        }
    }
}

using Orleans.Runtime;
using TicketCluster.Storage;

namespace TicketCluster.OrleansStorage.Tests.Providers;

/// <summary>A grain state for the provider tests: a ticket-like status, text, intake keys with the row
/// version that adds them, and the two sweeper times.</summary>
public sealed record ProbeState
{
    public string Status { get; init; } = "open";

    public string Note { get; init; } = "";

    public IReadOnlyList<ProbeKey> Keys { get; init; } = [];

    public DateTimeOffset? NextTickAt { get; init; }

    public DateTimeOffset? PendingSince { get; init; }
}

/// <param name="RecordedAtVersion">The row version of the write that adds the key.</param>
public sealed record ProbeKey(string Scope, string Key, long RecordedAtVersion);

/// <summary>
/// The projection the grains will supply, in miniature: a grain of type <c>ticket</c> writes its query
/// row and the keys added since the expected version; any other grain writes nothing beside its state.
/// </summary>
public sealed class ProbeProjection : IStateWriteProjection
{
    public static readonly DateTimeOffset Created = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public StateWriteExtras? Project(GrainId grainId, object state, long expectedRowVersion)
    {
        if (grainId.Type.ToString() != "ticket" || state is not ProbeState probe)
        {
            return null;
        }

        var row = new TicketQueryRow(
            grainId.Key.ToString()!, probe.Status, "normal", "billing", "email", "c-1", "m-1", null, null, null, 0, null,
            Created, Created, null, NextTickAt: probe.NextTickAt, EventsPendingSince: probe.PendingSince);
        var keys = probe.Keys.Where(k => k.RecordedAtVersion > expectedRowVersion).Select(k => new IdempotencyRecord(k.Scope, k.Key)).ToList();
        return new StateWriteExtras(row, keys);
    }
}

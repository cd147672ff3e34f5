namespace TicketCluster.Silo.Admission;

/// <summary>
/// The count of API requests in flight on this node and the decisions taken on them. The count covers
/// every request under <c>/api/</c> from admission to the end of its response.
/// </summary>
public sealed class AdmissionControl
{
    private int _inFlight;

    /// <summary>Raised for each API request when it is admitted or shed, before it runs: tests wait on it
    /// to know a request is in flight instead of sleeping. Handlers must be quick and must not throw.</summary>
    public event Action<AdmissionDecision>? Decided;

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Counts a request in; returns its position (the count including it).</summary>
    internal int Enter() => Interlocked.Increment(ref _inFlight);

    internal void Leave() => Interlocked.Decrement(ref _inFlight);

    internal void OnDecided(AdmissionDecision decision)
    {
        try
        {
            Decided?.Invoke(decision);
        }
#pragma warning disable CA1031 // An observer must not break admission.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}

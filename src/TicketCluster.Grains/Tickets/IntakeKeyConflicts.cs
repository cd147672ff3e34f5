namespace TicketCluster.Grains.Tickets;

/// <summary>
/// The one place that recognizes a ticket write refused because another ticket holds one of its intake
/// keys. The project's storage providers throw <c>DuplicateIntakeKeyException(Scope, Key, OwnerGrainId)</c>
/// (in <c>TicketCluster.Storage</c>, which this assembly does not reference yet) from <c>WriteStateAsync</c>;
/// Orleans' state bridge passes an <see cref="OrleansException"/> through as it is and wraps any other
/// provider exception in one, so the chain is searched. When the storage project is referenced, this
/// becomes a type test on that exception.
/// </summary>
public static class IntakeKeyConflicts
{
    private const string ExceptionName = "DuplicateIntakeKeyException";
    private const string OwnerProperty = "OwnerGrainId";

    /// <summary>The id of the ticket that holds the key, or null when <paramref name="exception"/> is
    /// another failure.</summary>
    public static string? OwnerOf(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e.GetType().Name == ExceptionName && e.GetType().GetProperty(OwnerProperty)?.GetValue(e) is { } owner)
            {
                return owner switch
                {
                    GrainId id => id.Key.ToString(),
                    _ => KeyOf(owner.ToString() ?? ""),
                };
            }
        }

        return null;
    }

    private static string KeyOf(string grainId) => grainId[(grainId.IndexOf('/', StringComparison.Ordinal) + 1)..];
}

using TicketCluster.Storage;

namespace TicketCluster.Grains.Tickets;

/// <summary>
/// The one place that recognizes a ticket write refused because another ticket holds one of its intake
/// keys: the storage providers throw <see cref="DuplicateIntakeKeyException"/> from <c>WriteStateAsync</c>;
/// Orleans' state bridge passes an <see cref="OrleansException"/> through as it is and wraps any other
/// provider exception in one, so the chain is searched.
/// </summary>
public static class IntakeKeyConflicts
{
    /// <summary>The id of the ticket that holds the key, or null when <paramref name="exception"/> is
    /// another failure.</summary>
    public static string? OwnerOf(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DuplicateIntakeKeyException duplicate)
            {
                return duplicate.OwnerGrainId[(duplicate.OwnerGrainId.IndexOf('/', StringComparison.Ordinal) + 1)..];
            }
        }

        return null;
    }
}

namespace TicketCluster.Domain.Tickets;

/// <summary>
/// Marks a command property that the node fills in from what it looked up (another ticket, say) before
/// the decision: a caller's body cannot set it, and the decider holds it to the command's own fields.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true, AllowMultiple = false)]
public sealed class SuppliedByNodeAttribute : Attribute
{
}

/// <summary>Another ticket as a command names it: its id and how it ended (a duplicate names its own
/// original in <paramref name="DuplicateOf"/>).</summary>
public sealed record TicketReference(string TicketId, FinalOutcome? Outcome, string? DuplicateOf)
{
    public static TicketReference Of(TicketState ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return new TicketReference(ticket.TicketId, ticket.Outcome, ticket.DuplicateOf);
    }
}

using TicketCluster.Domain.Tickets;
using TicketCluster.Silo.Api.Contracts;
using TicketCluster.Silo.Auth;

namespace TicketCluster.Silo.Api;

/// <summary>
/// Fills the <see cref="SuppliedByNodeAttribute"/> properties of a command with what the node reads for
/// it, as the sender may see it; the domain decides on them. Nothing here refuses a command.
/// </summary>
internal static class CommandFacts
{
    /// <summary>The command with its looked-up facts. <paramref name="readVisible"/> answers another
    /// ticket and the caller when the ticket exists and the caller may see it.</summary>
    public static async Task<TicketCommand> SupplyAsync(TicketCommand command, Func<string, Task<(TicketState? Ticket, Caller? Caller)>> readVisible)
    {
        switch (command)
        {
            case CloseAsDuplicate duplicate:
                var (original, _) = FieldRules.IsId(duplicate.DuplicateOf) ? await readVisible(duplicate.DuplicateOf) : default;
                return duplicate with { Original = original is null ? null : TicketReference.Of(original) };
            default:
                return command;
        }
    }
}

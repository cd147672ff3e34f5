using System.Collections.Immutable;

namespace TicketCluster.Domain.Tickets;

/// <summary>
/// What a return authorization tells the customer: where to send the item (<see cref="Address"/>), whom
/// it goes to (<see cref="Contact"/>), how to pack it (<see cref="Packaging"/>) and which accessories
/// must be in the parcel (<see cref="Accessories"/>). The warehouse inspects against the same list.
/// </summary>
public sealed record ReturnInstructions(string Address, string? Contact, string? Packaging, ImmutableArray<string> Accessories)
{
    public const int MaxAccessories = 30;
}

namespace TicketCluster.Runtime;

/// <summary>
/// The identity of a virtual grain: its type name and its key. A grain exists conceptually for every
/// id; the runtime activates it on first use and the storage keys its state by (type, key).
/// </summary>
public readonly record struct GrainId(string Type, string Key)
{
    public override string ToString() => $"{Type}/{Key}";
}

namespace TicketCluster.LoadGen.Lifecycle;

/// <summary>The roles the generator acts in; each has its own token (a merchant's is bound to its id).</summary>
public enum LoadRole
{
    /// <summary>The channel gateway: intake, and the customer's side of the process.</summary>
    Channel,
    Agent,
    Supervisor,
    Merchant,
    Warehouse,
    Finance,
}

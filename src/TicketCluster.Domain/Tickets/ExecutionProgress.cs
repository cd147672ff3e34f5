namespace TicketCluster.Domain.Tickets;

/// <summary>How far the confirmed plan has been carried out. Starts empty with each proposed plan.</summary>
public sealed record ExecutionProgress
{
    public static ExecutionProgress None { get; } = new();

    public string? ReturnAddress { get; init; }

    public DateTimeOffset? ReturnAuthorizedAt { get; init; }

    /// <summary>What the customer was told to do for the return: address, contact, packaging, accessories.</summary>
    public ReturnInstructions? ReturnInstructions { get; init; }

    public string? ReturnCarrier { get; init; }

    public string? ReturnTrackingNumber { get; init; }

    public DateTimeOffset? ReturnReceivedAt { get; init; }

    public WarehouseOutcome? Inspection { get; init; }

    /// <summary>Money paid out under this plan, in the order's currency.</summary>
    public decimal Paid { get; init; }

    public bool ReplacementShipped { get; init; }

    public bool RepairCompleted { get; init; }

    public bool ReturnPassed => Inspection == WarehouseOutcome.Pass;
}

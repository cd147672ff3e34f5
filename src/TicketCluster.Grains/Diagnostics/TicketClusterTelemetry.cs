namespace TicketCluster.Grains.Diagnostics;

/// <summary>The product's own activity source and meter, both named <c>TicketCluster</c> (docs/silo.md,
/// "Telemetry"); Orleans' are named <c>Microsoft.Orleans.*</c>.</summary>
public static class TicketClusterTelemetry
{
    public const string Name = "TicketCluster";

    public const string MeterName = Name;

    public const string ActivitySourceName = Name;

    /// <summary>Orleans' trace sources (grain calls need <c>AddActivityPropagation</c>).</summary>
    public static readonly IReadOnlyList<string> OrleansActivitySources =
        ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "Microsoft.Orleans.Storage", "Microsoft.Orleans.Lifecycle"];

    /// <summary>Orleans' meter.</summary>
    public const string OrleansMeterName = "Microsoft.Orleans";
}

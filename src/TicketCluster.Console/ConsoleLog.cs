using Microsoft.Extensions.Logging;

namespace TicketCluster.WebConsole;

/// <summary>The console's log lines (event ids 3300–3399).</summary>
internal static partial class ConsoleLog
{
    [LoggerMessage(3301, LogLevel.Warning, "The console's static assets manifest {Manifest} is missing: the console's pages are served without their styles and scripts (build or publish the silo project to produce it)")]
    public static partial void AssetsManifestMissing(ILogger logger, string manifest);
}

using Microsoft.Extensions.Logging;

namespace TicketCluster.Storage.Providers;

/// <summary>The log lines of the grain storage providers (event ids 3300–3399).</summary>
internal static partial class StateStorageLog
{
    [LoggerMessage(EventId = 3300, Level = LogLevel.Error, Message = "A batch of {Writes} grain state writes failed in the database; each write fails with StorageUnavailableException")]
    public static partial void BatchFailed(ILogger logger, int writes, Exception exception);
}

using Microsoft.Extensions.Logging;

namespace TicketCluster.Storage.Sqlite.Diagnostics;

/// <summary>The log messages of the SQLite storage, with stable event ids.</summary>
internal static partial class SqliteStorageLog
{
    [LoggerMessage(EventId = 3200, Level = LogLevel.Information, Message = "Applied SQLite schema script {Version} ({Name})")]
    public static partial void SchemaScriptApplied(ILogger logger, int version, string name);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Debug, Message = "SQLite schema is at version {Version}")]
    public static partial void SchemaUpToDate(ILogger logger, int version);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Information, Message = "SQLite schema script {Version} ({Name}) waits: {Reason}")]
    public static partial void SchemaScriptWaits(ILogger logger, int version, string name, string reason);
}

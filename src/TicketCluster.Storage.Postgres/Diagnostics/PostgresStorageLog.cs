using Microsoft.Extensions.Logging;

namespace TicketCluster.Storage.Postgres.Diagnostics;

/// <summary>The log messages of the PostgreSQL storage, with stable event ids. Parameters of
/// statements are never logged.</summary>
internal static partial class PostgresStorageLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Applied PostgreSQL schema script {Version} ({Name})")]
    public static partial void SchemaScriptApplied(ILogger logger, int version, string name);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Debug, Message = "PostgreSQL schema is at version {Version}")]
    public static partial void SchemaUpToDate(ILogger logger, int version);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "PostgreSQL schema script {Version} ({Name}) waits: {Reason}")]
    public static partial void SchemaScriptWaits(ILogger logger, int version, string name, string reason);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Error, Message = "A batch of {Writes} writes (grain states and reminder changes) failed in the database; each write fails")]
    public static partial void WriteBatchFailed(ILogger logger, int writes, Exception exception);
}

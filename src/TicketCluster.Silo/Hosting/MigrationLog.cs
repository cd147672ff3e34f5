using Microsoft.Extensions.Logging;

namespace TicketCluster.Silo.Hosting;

/// <summary>Log lines of the upgrade from the home-made runtime, event ids 3400–3499.</summary>
internal static partial class MigrationLog
{
    [LoggerMessage(3400, LogLevel.Information, "Imported {Rows} legacy reminders ({Tickets} tickets reconciled); {Left} left")]
    public static partial void ImportPage(ILogger logger, int rows, int tickets, long left);

    [LoggerMessage(3401, LogLevel.Information, "Legacy reminder import finished: {Tickets} tickets reconciled by this node; the next schema apply drops the old runtime's tables")]
    public static partial void ImportFinished(ILogger logger, long tickets);

    [LoggerMessage(3402, LogLevel.Warning, "A page of legacy reminders failed; it is taken again in {Delay}")]
    public static partial void ImportPageFailed(ILogger logger, TimeSpan delay, Exception exception);
}

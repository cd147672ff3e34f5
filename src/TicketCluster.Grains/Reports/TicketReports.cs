using TicketCluster.Runtime.Storage;

namespace TicketCluster.Grains.Reports;

/// <summary>Reports read from the ticket query table.</summary>
public static class TicketReports
{
    /// <summary>The summary of the tickets created in [<paramref name="from"/>, <paramref name="to"/>):
    /// one streamed read of the rows created from <see cref="TicketSummaryBuilder.RepeatWindow"/> before
    /// <paramref name="from"/> (for repeat complaints) up to <paramref name="to"/>.</summary>
    public static async Task<TicketSummary> SummarizeAsync(IGrainStorage storage, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var builder = new TicketSummaryBuilder(from, to);
        await foreach (var row in storage.ReadTicketRowsCreatedAsync(builder.ReadFrom, to, cancellationToken))
        {
            builder.Add(row);
        }

        return builder.Build();
    }
}

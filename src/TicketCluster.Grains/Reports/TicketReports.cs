using TicketCluster.Storage;

namespace TicketCluster.Grains.Reports;

/// <summary>Reports read from the ticket query table.</summary>
public static class TicketReports
{
    /// <summary>The summary of the tickets created in [<paramref name="from"/>, <paramref name="to"/>):
    /// one streamed read of the rows created from <see cref="TicketSummaryBuilder.RepeatWindow"/> before
    /// <paramref name="from"/> (for repeat complaints) up to <paramref name="to"/>, through
    /// <paramref name="readRowsCreated"/> (<see cref="ITicketQueries.ReadTicketRowsCreatedAsync"/>).</summary>
    public static async Task<TicketSummary> SummarizeAsync(
        Func<DateTimeOffset, DateTimeOffset, CancellationToken, IAsyncEnumerable<TicketQueryRow>> readRowsCreated,
        DateTimeOffset from,
        DateTimeOffset to,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readRowsCreated);
        var builder = new TicketSummaryBuilder(from, to);
        await foreach (var row in readRowsCreated(builder.ReadFrom, to, cancellationToken))
        {
            builder.Add(row);
        }

        return builder.Build();
    }
}

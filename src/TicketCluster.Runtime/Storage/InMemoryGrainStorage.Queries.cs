using System.Runtime.CompilerServices;
using TicketCluster.Storage;

namespace TicketCluster.Runtime.Storage;

/// <summary>The ticket list and report read over the in-memory rows: the same filters, order and
/// cursors as the SQL of <see cref="TicketQuerySql"/>, evaluated by LINQ under the lock.</summary>
public sealed partial class InMemoryGrainStorage
{
    public Task<TicketPage> QueryTicketsAsync(TicketQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var after = query.Validate();
        lock (_data.Gate)
        {
            Enter(cancellationToken);
            var matching = _data.TicketRows.Values.Where(row => Matches(query, row));
            var ordered = query.Sort == TicketSort.Created
                ? matching.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.TicketId, StringComparer.Ordinal)
                : matching.OrderBy(r => r.NextDeadline is null).ThenBy(r => r.NextDeadline).ThenBy(r => r.TicketId, StringComparer.Ordinal);
            var rows = ordered
                .Where(row => after is not { } cursor || IsAfter(row, cursor))
                .Take(query.Limit + 1)
                .ToList();
            return Task.FromResult(TicketPage.FromFetched(rows, query));
        }
    }

    public async IAsyncEnumerable<TicketQueryRow> ReadTicketRowsCreatedAsync(
        DateTimeOffset from,
        DateTimeOffset until,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<TicketQueryRow> rows;
        lock (_data.Gate)
        {
            Enter(cancellationToken);
            rows = [.. _data.TicketRows.Values
                .Where(r => r.CreatedAt >= from && r.CreatedAt < until)
                .OrderBy(r => r.CreatedAt)
                .ThenBy(r => r.TicketId, StringComparer.Ordinal)];
        }

        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }

        await Task.CompletedTask;
    }

    private static bool Matches(TicketQuery q, TicketQueryRow row) =>
        (q.Status is null || q.Status == row.Status)
        && (q.Severity is null || q.Severity == row.Severity)
        && (q.Category is null || q.Category == row.Category)
        && (q.Channel is null || q.Channel == row.Channel)
        && (q.MerchantId is null || q.MerchantId == row.MerchantId)
        && (q.CustomerId is null || q.CustomerId == row.CustomerId)
        && (q.Assignee is null || q.Assignee == row.Assignee)
        && (q.Outcome is null || q.Outcome == row.Outcome)
        && (q.Escalated is not { } escalated || escalated == row.EscalationLevel > 0)
        && (q.DueBefore is not { } dueBefore || row.NextDeadline < dueBefore);

    private static bool IsAfter(TicketQueryRow row, TicketCursor cursor)
    {
        var id = string.CompareOrdinal(row.TicketId, cursor.TicketId);
        if (cursor.Sort == TicketSort.Created)
        {
            var at = row.CreatedAt.CompareTo(cursor.At!.Value);
            return at < 0 || (at == 0 && id < 0);
        }

        return (row.NextDeadline, cursor.At) switch
        {
            (null, null) => id > 0,
            (null, _) => true,
            (_, null) => false,
            ({ } mine, { } theirs) => mine > theirs || (mine == theirs && id > 0),
        };
    }
}

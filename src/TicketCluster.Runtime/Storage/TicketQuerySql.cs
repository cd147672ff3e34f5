namespace TicketCluster.Runtime.Storage;

/// <summary>A named SQL parameter (<c>@name</c>) of a ticket query; times are
/// <see cref="DateTimeOffset"/> values that each storage converts to its own representation.</summary>
public readonly record struct SqlArgument(string Name, object Value);

/// <summary>
/// The SQL of the ticket list and the report read, shared by both databases: only fixed text and
/// <c>@name</c> parameters, never a value spliced in. The caller supplies how ticket ids compare
/// byte-wise (PostgreSQL: <c>COLLATE "C"</c>, matching the indexes; SQLite's default is already binary),
/// so the order is the same ordinal order in every storage.
/// </summary>
/// <remarks>
/// Deadline order is <c>next_deadline NULLS LAST, ticket_id</c>. The page after a cursor with a deadline
/// is the union of two index range scans, each limited: rows after the cursor that have a deadline, and
/// rows without one. An <c>OR</c> of the two would defeat the index.
/// </remarks>
public static class TicketQuerySql
{
    /// <summary>The statement of one page; it returns up to <c>Limit + 1</c> rows (the extra row only
    /// says that another page follows).</summary>
    public static (string Sql, IReadOnlyList<SqlArgument> Arguments) Page(TicketQuery query, TicketCursor? after, string idCollation)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(idCollation);
        var filters = new List<string>();
        var arguments = new List<SqlArgument> { new("limit", query.Limit + 1) };
        AddEquals(filters, arguments, "status", query.Status);
        AddEquals(filters, arguments, "severity", query.Severity);
        AddEquals(filters, arguments, "category", query.Category);
        AddEquals(filters, arguments, "channel", query.Channel);
        AddEquals(filters, arguments, "merchant_id", query.MerchantId);
        AddEquals(filters, arguments, "customer_id", query.CustomerId);
        AddEquals(filters, arguments, "assignee", query.Assignee);
        if (query.Escalated is { } escalated)
        {
            filters.Add(escalated ? "escalation_level > 0" : "escalation_level = 0");
        }

        if (query.DueBefore is { } dueBefore)
        {
            filters.Add("next_deadline < @due_before");
            arguments.Add(new("due_before", dueBefore));
        }

        var id = "ticket_id" + idCollation;
        if (after is { } cursor)
        {
            arguments.Add(new("after_id", cursor.TicketId));
            if (cursor.At is { } at)
            {
                arguments.Add(new("after_at", at));
            }
        }

        var cols = TicketQueryTable.Columns;
        if (query.Sort == TicketSort.Created)
        {
            var where = Where(filters, after is null ? null : $"(created_at, {id}) < (@after_at, @after_id)");
            return ($"SELECT {cols} FROM ticket_query {where} ORDER BY created_at DESC, {id} DESC LIMIT @limit", arguments);
        }

        if (after is null)
        {
            return ($"SELECT {cols} FROM ticket_query {Where(filters, null)} ORDER BY next_deadline NULLS LAST, {id} LIMIT @limit", arguments);
        }

        var undated = $"SELECT {cols} FROM ticket_query {Where(filters, $"next_deadline IS NULL AND {id} > @after_id")} ORDER BY {id} LIMIT @limit";
        if (after.Value.At is null)
        {
            return (undated, arguments);
        }

        var undatedAll = $"SELECT {cols} FROM ticket_query {Where(filters, "next_deadline IS NULL")} ORDER BY {id} LIMIT @limit";
        var dated = $"SELECT {cols} FROM ticket_query {Where(filters, $"(next_deadline, {id}) > (@after_at, @after_id)")} ORDER BY next_deadline, {id} LIMIT @limit";
        return (
            $"""
            SELECT {cols} FROM (
              SELECT {cols} FROM ({dated}) AS dated
              UNION ALL
              SELECT {cols} FROM ({undatedAll}) AS undated
            ) AS page
            ORDER BY next_deadline NULLS LAST, {id} LIMIT @limit
            """,
            arguments);
    }

    /// <summary>Rows created in [<c>@from</c>, <c>@to</c>), oldest first (then ticket id).</summary>
    public static string CreatedBetween(string idCollation) =>
        $"SELECT {TicketQueryTable.Columns} FROM ticket_query WHERE created_at >= @from AND created_at < @to ORDER BY created_at, ticket_id{idCollation}";

    private static void AddEquals(List<string> filters, List<SqlArgument> arguments, string column, string? value)
    {
        if (value is not null)
        {
            filters.Add($"{column} = @{column}");
            arguments.Add(new(column, value));
        }
    }

    private static string Where(List<string> filters, string? position)
    {
        var all = position is null ? filters : [.. filters, position];
        return all.Count == 0 ? "" : "WHERE " + string.Join(" AND ", all);
    }
}

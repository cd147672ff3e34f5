namespace TicketCluster.Storage;

/// <summary>A named SQL parameter (<c>@name</c>) of a ticket query; times are
/// <see cref="DateTimeOffset"/> values that each storage converts to its own representation.</summary>
public readonly record struct SqlArgument(string Name, object Value);

/// <summary>What the ticket query SQL needs to know of a database.</summary>
/// <param name="IdCollation">Appended to <c>ticket_id</c> so ids compare byte-wise, as the indexes are
/// built (PostgreSQL: <c> COLLATE "C"</c>; SQLite's default is already binary: empty).</param>
/// <param name="NoDeadline">A time literal after every real deadline (PostgreSQL:
/// <c>'infinity'::timestamptz</c>; SQLite: the largest INTEGER), which stands for "no deadline".</param>
public sealed record TicketSqlDialect(string IdCollation, string NoDeadline);

/// <summary>
/// The SQL of the ticket list and the report read, shared by both databases: only fixed text and
/// <c>@name</c> parameters, never a value spliced in.
/// </summary>
/// <remarks>
/// Deadline order is <c>coalesce(next_deadline, NoDeadline), ticket_id</c>: tickets without a running
/// deadline sort last, and the whole order is one expression that the queue indexes are built on
/// (schema scripts PostgreSQL 0003, SQLite 0002). A page after a cursor is then one row-value range,
/// <c>(key, ticket_id) &gt; (cursor key, cursor id)</c>: an index range scan that stops after the limit,
/// with no union of dated and undated rows and no sort.
/// </remarks>
public static class TicketQuerySql
{
    /// <summary>The statement of one page; it returns up to <c>Limit + 1</c> rows (the extra row only
    /// says that another page follows).</summary>
    public static (string Sql, IReadOnlyList<SqlArgument> Arguments) Page(TicketQuery query, TicketCursor? after, TicketSqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(dialect);
        var deadline = DeadlineKey(dialect);
        var id = "ticket_id" + dialect.IdCollation;
        var filters = new List<string>();
        var arguments = new List<SqlArgument> { new("limit", query.Limit + 1) };
        AddEquals(filters, arguments, "status", query.Status);
        AddEquals(filters, arguments, "severity", query.Severity);
        AddEquals(filters, arguments, "category", query.Category);
        AddEquals(filters, arguments, "channel", query.Channel);
        AddEquals(filters, arguments, "merchant_id", query.MerchantId);
        AddEquals(filters, arguments, "customer_id", query.CustomerId);
        AddEquals(filters, arguments, "assignee", query.Assignee);
        AddEquals(filters, arguments, "outcome", query.Outcome);
        if (query.Escalated is { } escalated)
        {
            filters.Add(escalated ? "escalation_level > 0" : "escalation_level = 0");
        }

        if (query.DueBefore is { } dueBefore)
        {
            // The same as next_deadline < @due_before (no real time reaches NoDeadline), on the
            // indexed expression.
            filters.Add($"{deadline} < @due_before");
            arguments.Add(new("due_before", dueBefore));
        }

        string order;
        if (query.Sort == TicketSort.Created)
        {
            order = $"created_at DESC, {id} DESC";
            if (after is { } cursor)
            {
                filters.Add($"(created_at, {id}) < (@after_at, @after_id)");
                arguments.Add(new("after_at", cursor.At!.Value));
                arguments.Add(new("after_id", cursor.TicketId));
            }
        }
        else
        {
            order = $"{deadline}, {id}";
            if (after is { } cursor)
            {
                // After an undated row only undated rows follow. Said as an equality, not as the row
                // range (key, id) > (NoDeadline, id): PostgreSQL estimates a row range by its first
                // column alone, finds nothing after infinity and would pick a plan for one row.
                if (cursor.At is { } at)
                {
                    filters.Add($"({deadline}, {id}) > (@after_at, @after_id)");
                    arguments.Add(new("after_at", at));
                }
                else
                {
                    filters.Add($"{deadline} = {dialect.NoDeadline} AND {id} > @after_id");
                }

                arguments.Add(new("after_id", cursor.TicketId));
            }
        }

        var where = filters.Count == 0 ? "" : "WHERE " + string.Join(" AND ", filters) + " ";
        return ($"SELECT {TicketQueryTable.Columns} FROM ticket_query {where}ORDER BY {order} LIMIT @limit", arguments);
    }

    /// <summary>Rows created in [<c>@from</c>, <c>@to</c>), oldest first (then ticket id).</summary>
    public static string CreatedBetween(TicketSqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return $"SELECT {TicketQueryTable.Columns} FROM ticket_query WHERE created_at >= @from AND created_at < @to ORDER BY created_at, ticket_id{dialect.IdCollation}";
    }

    /// <summary>The deadline sort key, exactly as the indexes spell it.</summary>
    public static string DeadlineKey(TicketSqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return $"coalesce(next_deadline, {dialect.NoDeadline})";
    }

    private static void AddEquals(List<string> filters, List<SqlArgument> arguments, string column, string? value)
    {
        if (value is not null)
        {
            filters.Add($"{column} = @{column}");
            arguments.Add(new(column, value));
        }
    }
}

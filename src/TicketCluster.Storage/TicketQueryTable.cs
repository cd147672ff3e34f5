using System.Data.Common;

namespace TicketCluster.Storage;

/// <summary>
/// The ticket query table as every storage reads it: the column list in the order
/// <see cref="Read"/> expects, and the mapping of a row. The databases differ only in how they store
/// times, which the caller supplies.
/// </summary>
public static class TicketQueryTable
{
    public const string Columns =
        "ticket_id, status, severity, category, channel, customer_id, merchant_id, order_id, department, " +
        "assignee, escalation_level, next_deadline, created_at, updated_at, resolved_at, " +
        "acknowledged_at, satisfaction_score, clocks_met, clocks_breached, outcome, next_tick_at, events_pending_since";

    /// <summary>Maps the current row of a reader over <see cref="Columns"/>.</summary>
    public static TicketQueryRow Read(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> readTime)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(readTime);
        return new TicketQueryRow(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.GetString(3),
            reader.GetString(4),
            reader.GetString(5),
            reader.GetString(6),
            reader.IsDBNull(7) ? null : reader.GetString(7),
            reader.IsDBNull(8) ? null : reader.GetString(8),
            reader.IsDBNull(9) ? null : reader.GetString(9),
            reader.GetInt32(10),
            reader.IsDBNull(11) ? null : readTime(reader, 11),
            readTime(reader, 12),
            readTime(reader, 13),
            reader.IsDBNull(14) ? null : readTime(reader, 14),
            reader.IsDBNull(15) ? null : readTime(reader, 15),
            reader.IsDBNull(16) ? null : reader.GetInt32(16),
            reader.GetString(17),
            reader.GetString(18),
            reader.IsDBNull(19) ? null : reader.GetString(19),
            reader.IsDBNull(20) ? null : readTime(reader, 20),
            reader.IsDBNull(21) ? null : readTime(reader, 21));
    }
}

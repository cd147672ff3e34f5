using Npgsql;
using NpgsqlTypes;

namespace TicketCluster.Storage.Postgres;

/// <summary>The parameters of a ticket's query row in a call of <c>tc_state_write</c> (schema script 0010).</summary>
internal static class PostgresWriteCommand
{
    /// <summary>The twenty ticket row parameters of <c>tc_state_write</c>, in their order; all null when
    /// the write has no row.</summary>
    public static void AddTicketRow(NpgsqlParameterCollection p, TicketQueryRow? t)
    {
        p.Add(Value(t?.TicketId, NpgsqlDbType.Text));
        p.Add(Value(t?.Status, NpgsqlDbType.Text));
        p.Add(Value(t?.Severity, NpgsqlDbType.Text));
        p.Add(Value(t?.Category, NpgsqlDbType.Text));
        p.Add(Value(t?.Channel, NpgsqlDbType.Text));
        p.Add(Value(t?.CustomerId, NpgsqlDbType.Text));
        p.Add(Value(t?.MerchantId, NpgsqlDbType.Text));
        p.Add(Value(t?.OrderId, NpgsqlDbType.Text));
        p.Add(Value(t?.Department, NpgsqlDbType.Text));
        p.Add(Value(t?.Assignee, NpgsqlDbType.Text));
        p.Add(Value(t?.EscalationLevel, NpgsqlDbType.Integer));
        p.Add(Value(t?.NextDeadline?.ToUniversalTime(), NpgsqlDbType.TimestampTz));
        p.Add(Value(t?.CreatedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz));
        p.Add(Value(t?.UpdatedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz));
        p.Add(Value(t?.ResolvedAt?.ToUniversalTime(), NpgsqlDbType.TimestampTz));
        p.Add(Value(t?.AcknowledgedAt?.ToUniversalTime(), NpgsqlDbType.TimestampTz));
        p.Add(Value(t?.SatisfactionScore, NpgsqlDbType.Integer));
        p.Add(Value(t?.ClocksMet, NpgsqlDbType.Text));
        p.Add(Value(t?.ClocksBreached, NpgsqlDbType.Text));
        p.Add(Value(t?.Outcome, NpgsqlDbType.Text));
    }

    private static NpgsqlParameter Value(object? value, NpgsqlDbType type) =>
        new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };
}

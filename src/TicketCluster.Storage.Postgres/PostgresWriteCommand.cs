using Npgsql;
using NpgsqlTypes;
using TicketCluster.Runtime;
using TicketCluster.Runtime.Storage;

namespace TicketCluster.Storage.Postgres;

/// <summary>Turns one <see cref="GrainWrite"/> into a call of the <c>tc_write</c> function (schema
/// script 0009) and its result row back into a <see cref="WriteResult"/>.</summary>
internal static class PostgresWriteCommand
{
    private const string Sql =
        "SELECT o_status, o_version, o_dup_type, o_dup_key FROM tc_write(" +
        "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, " +
        "$21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, $36, $37, $38, $39, $40)";

    public static NpgsqlBatchCommand Create(GrainWrite write)
    {
        var command = new NpgsqlBatchCommand(Sql);
        var p = command.Parameters;
        p.Add(Value(write.Grain.Type, NpgsqlDbType.Text));
        p.Add(Value(write.Grain.Key, NpgsqlDbType.Text));
        p.Add(Value(write.ExpectedVersion, NpgsqlDbType.Bigint));
        p.Add(Value(write.State, NpgsqlDbType.Bytea));

        var registrations = WriteNormalizer.Registrations(write);
        p.Add(Value(registrations.Select(r => r.Name).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text));
        p.Add(Value(registrations.Select(r => r.DueAt.ToUniversalTime()).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.TimestampTz));
        p.Add(Value(registrations.Select(r => r.Period is { } period ? (long?)PeriodMicroseconds(period) : null).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint));
        p.Add(Value(write.UnregisterReminders.Distinct(StringComparer.Ordinal).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text));

        p.Add(Value(write.CompletedReminder?.Name, NpgsqlDbType.Text));
        p.Add(Value(write.CompletedReminder?.Fence, NpgsqlDbType.Bigint));

        var outbox = write.Outbox;
        p.Add(Value(outbox.Select(m => m.EventId).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Uuid));
        p.Add(Value(outbox.Select(m => m.Source.Type).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text));
        p.Add(Value(outbox.Select(m => m.Source.Key).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text));
        p.Add(Value(outbox.Select(m => m.Target.Type).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text));
        p.Add(Value(outbox.Select(m => m.Target.Key).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text));
        p.Add(Value(outbox.Select(m => m.Type).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text));
        p.Add(Value(outbox.Select(m => m.Payload).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bytea));
        p.Add(Value(outbox.Select(m => m.CreatedAt.ToUniversalTime()).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.TimestampTz));

        var keys = write.IdempotencyKeys;
        p.Add(Value(keys.Select(k => k.Scope).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text));
        p.Add(Value(keys.Select(k => k.Key).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text));

        AddTicketRow(p, write.TicketRow);
        return command;
    }

    /// <summary>The twenty ticket row parameters of <c>tc_write</c> and <c>tc_state_write</c>, in their
    /// order; all null when the write has no row.</summary>
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

    public static async Task<WriteResult> ReadResultAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException("tc_write returned no row.");
        }

        var status = reader.GetInt32(0) switch
        {
            0 => WriteStatus.Committed,
            1 => WriteStatus.VersionConflict,
            2 => WriteStatus.DuplicateKey,
            3 => WriteStatus.FenceLost,
            var other => throw new InvalidOperationException($"tc_write returned the unknown status {other}."),
        };
        var version = reader.GetInt64(1);
        GrainId? owner = reader.IsDBNull(2) ? null : new GrainId(reader.GetString(2), reader.GetString(3));
        return new WriteResult(status, version, owner);
    }

    /// <summary>Periods are stored in whole microseconds, the resolution of timestamptz.</summary>
    public static long PeriodMicroseconds(TimeSpan period) => period.Ticks / TimeSpan.TicksPerMicrosecond;

    private static NpgsqlParameter Value(object? value, NpgsqlDbType type) =>
        new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };
}

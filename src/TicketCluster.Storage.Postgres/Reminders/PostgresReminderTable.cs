using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using TicketCluster.Storage.Commit;
using TicketCluster.Storage.Postgres.Commit;

namespace TicketCluster.Storage.Postgres.Reminders;

/// <summary>
/// Orleans' reminder table on PostgreSQL with group commit: the layout of Orleans' stock ADO.NET table
/// (<c>orleansreminderstable</c>, <c>0008_orleans_tables.sql</c>), spelled as the stock table spells it (grain id
/// as text, grain hash as the signed 32-bit cast of the uniform hash, start as <c>timestamptz(3)</c>, period in
/// milliseconds, <c>version</c> the ETag: 0 on insert, +1 on every upsert), so rows written by either table are
/// read by the other. What differs is the write path: concurrent upserts and removals share one
/// <see cref="NpgsqlBatch"/> in one implicit transaction (one round trip and one commit flush for up to
/// <see cref="GroupCommitOptions.MaxBatchSize"/> changes), where the stock table spends a transaction on each;
/// on a silo whose grain storage is on the same database the batches are a <see cref="PostgresWriteChannel"/>'s
/// that the state writes share. A change is answered only after its batch committed. See docs/storage.md,
/// "Reminders on PostgreSQL".
/// </summary>
/// <remarks>
/// Point reads (<see cref="ReadRow(GrainId, string)"/>) share batches the same way, with no transaction of their
/// own; range reads go at most <see cref="MaxConcurrentRangeReads"/> at a time; the other reads go straight to
/// the database. The statements of a batch run in (grain id, reminder name) order, stable
/// for two changes of one reminder, so concurrent batches lock rows in one order and do not deadlock each other.
/// </remarks>
public sealed class PostgresReminderTable : IReminderTable, IAsyncDisposable
{
    private const string Columns = "grainid, remindername, starttime, period, version";

    private const string UpsertSql =
        """
        INSERT INTO orleansreminderstable (serviceid, grainid, remindername, starttime, period, grainhash, version)
        VALUES ($1, $2, $3, $4, $5, $6, 0)
        ON CONFLICT (serviceid, grainid, remindername) DO UPDATE
          SET starttime = excluded.starttime, period = excluded.period, grainhash = excluded.grainhash,
              version = orleansreminderstable.version + 1
        RETURNING version
        """;

    private const string RemoveSql =
        "DELETE FROM orleansreminderstable WHERE serviceid = $1 AND grainid = $2 AND remindername = $3 AND version = $4 RETURNING version";

    /// <summary>The point reads of a batch in one statement: <c>$2</c> the grain ids, <c>$3</c> the names; a
    /// found row comes back with its 1-based position in the arrays.</summary>
    private const string ReadBatchSql =
        """
        SELECT k.i, r.grainid, r.remindername, r.starttime, r.period, r.version
        FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS k(grainid, remindername, i)
        JOIN orleansreminderstable r ON r.serviceid = $1 AND r.grainid = k.grainid AND r.remindername = k.remindername
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _serviceId;
    private readonly PostgresWriteChannel _writes;
    private readonly bool _ownsWrites;
    private readonly GroupCommitQueue<(GrainId GrainId, string Name), ReminderEntry?> _reads;
    private readonly SemaphoreSlim _rangeReads = new(MaxConcurrentRangeReads);

    /// <summary>The most range reads (<see cref="ReadRows(uint, uint)"/>) a table runs at once.</summary>
    public const int MaxConcurrentRangeReads = 4;

    /// <param name="connectionString">The database that holds the storage schema (the table is created by
    /// <c>0008_orleans_tables.sql</c>, which the grain storage applies as the silo starts).</param>
    /// <param name="clusterOptions">Its <see cref="ClusterOptions.ServiceId"/> keys every row: rows of another
    /// service id are never read, changed or cleared.</param>
    /// <param name="groupCommit">How changes are batched; defaults to <see cref="DefaultGroupCommit"/>. Not used with
    /// <paramref name="writes"/>, whose options form its batches.</param>
    /// <param name="writes">The write channel to commit changes through, shared with the silo's grain storage;
    /// null: a channel of the table's own.</param>
    public PostgresReminderTable(
        string connectionString,
        IOptions<ClusterOptions> clusterOptions,
        GroupCommitOptions? groupCommit = null,
        TimeProvider? timeProvider = null,
        ILogger<PostgresReminderTable>? logger = null,
        PostgresWriteChannel? writes = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(clusterOptions);
        _serviceId = clusterOptions.Value.ServiceId;
        ArgumentException.ThrowIfNullOrWhiteSpace(_serviceId, nameof(clusterOptions));
        _dataSource = PostgresConnections.CreateDataSource(connectionString);
        _ownsWrites = writes is null;
        _writes = writes ?? new PostgresWriteChannel(connectionString, groupCommit ?? DefaultGroupCommit(), timeProvider, logger);
        _reads = new GroupCommitQueue<(GrainId, string), ReminderEntry?>(PostgresConnections.ReadBatching(_writes.GroupCommit), ReadBatchAsync, timeProvider ?? TimeProvider.System);
    }

    /// <summary>Raised when a batch of changes leaves the queue for the database, with its size (with a shared
    /// channel, the state writes of the batch counted too): lets tests hold a batch in the database and see that
    /// batches form.</summary>
    public event Action<int>? BatchStarted
    {
        add => _writes.BatchStarted += value;
        remove => _writes.BatchStarted -= value;
    }

    /// <summary>Raised when a batch of point reads leaves the queue for the database, with its size.</summary>
    public event Action<int>? ReadBatchStarted
    {
        add => _reads.BatchStarted += value;
        remove => _reads.BatchStarted -= value;
    }

    /// <summary>The defaults: two batches in flight, so one executes while the other waits for its commit
    /// to be flushed (as the grain storage's).</summary>
    public static GroupCommitOptions DefaultGroupCommit() => new() { MaxBatchesInFlight = 2 };

    public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    // Orleans' reminder service calls the overloads without a token; those with one are the interface's own
    // forwards to these.
    public async Task<ReminderTableData> ReadRows(GrainId grainId)
    {
        await using var command = Command($"SELECT {Columns} FROM orleansreminderstable WHERE serviceid = $1 AND grainid = $2", grainId.ToString());
        return new ReminderTableData(await ReadEntriesAsync(command));
    }

    /// <summary>The rows whose grain hash lies in the ring range (<paramref name="begin"/>, <paramref name="end"/>].
    /// The hashes are stored as signed integers (the stock table's spelling), a rotation of the ring by 2^31, so the
    /// range is compared in that rotated order: <c>hash &gt; begin AND hash &lt;= end</c> when the signed begin is
    /// below the signed end, otherwise <c>hash &gt; begin OR hash &lt;= end</c> (the whole ring when they are equal).</summary>
    /// <remarks>At most <see cref="MaxConcurrentRangeReads"/> run at once: Orleans' reminder service reads every
    /// part of its range at the same time (one per virtual bucket the silo owns, 256 on the node), and every silo
    /// does so when the membership changes, which would otherwise open a pooled connection per part.</remarks>
    public async Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        var range = (int)begin < (int)end ? "grainhash > $2 AND grainhash <= $3" : "(grainhash > $2 OR grainhash <= $3)";
        await _rangeReads.WaitAsync();
        try
        {
            await using var command = Command($"SELECT {Columns} FROM orleansreminderstable WHERE serviceid = $1 AND {range}", (int)begin, (int)end);
            return new ReminderTableData(await ReadEntriesAsync(command));
        }
        finally
        {
            _rangeReads.Release();
        }
    }

    /// <summary>The row of (<paramref name="grainId"/>, <paramref name="reminderName"/>), or null when there is none:
    /// read with the other point reads that arrive while earlier ones are in flight (<see cref="ReadBatchAsync"/>).</summary>
    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => _reads.CommitAsync((grainId, reminderName));

    /// <summary>A batch of point reads in one round trip: one alone by the primary key, more as one statement over
    /// arrays of keys. Answers in the callers' order, null where no row exists.</summary>
    private async Task<IReadOnlyList<ReminderEntry?>> ReadBatchAsync(IReadOnlyList<(GrainId GrainId, string Name)> keys)
    {
        if (keys.Count == 1)
        {
            await using var single = Command(
                $"SELECT {Columns} FROM orleansreminderstable WHERE serviceid = $1 AND grainid = $2 AND remindername = $3",
                keys[0].GrainId.ToString(),
                keys[0].Name);
            var entries = await ReadEntriesAsync(single);
            return [entries.Count == 0 ? null : entries[0]];
        }

        var rows = new ReminderEntry?[keys.Count];
        await using var command = Command(ReadBatchSql, keys.Select(k => k.GrainId.ToString()).ToArray(), keys.Select(k => k.Name).ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows[reader.GetInt64(0) - 1] = Entry(reader, 1);
        }

        return rows;
    }

    /// <summary>Inserts the row or replaces its start and period, in the next batch; answers the row's new ETag
    /// once the batch committed.</summary>
    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var version = (int?)await CommitAsync(ReminderChange.Upsert(entry));
        return version!.Value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Deletes the row only while it still carries <paramref name="eTag"/>, in the next batch; answers
    /// whether it did once the batch committed.</summary>
    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        if (!int.TryParse(eTag, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var expected))
        {
            return false; // not an ETag this table ever answered, so no row carries it
        }

        return await CommitAsync(ReminderChange.Remove(grainId, reminderName, expected)) is not null;
    }

    /// <summary>Deletes every row of this service id (tests only, as Orleans names it).</summary>
    public async Task TestOnlyClearTable()
    {
        await using var command = Command("DELETE FROM orleansreminderstable WHERE serviceid = $1");
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _rangeReads.Dispose();
        if (_ownsWrites)
        {
            await _writes.DisposeAsync();
        }

        await _dataSource.DisposeAsync();
    }

    /// <summary>Joins the write channel's next batch (one implicit transaction, the changes in (grain id, reminder
    /// name) order, stable for two changes of one reminder); answers the upsert's new version, or the removed row's
    /// version (null when nothing carried the ETag), once the batch committed. A failed batch is logged by the
    /// channel and throws the database's exception here.</summary>
    private Task<object?> CommitAsync(ReminderChange change) =>
        _writes.WriteAsync(new ChannelWrite(ChannelWriteKind.Reminder, change.GrainId, change.Name, BatchCommand(change), ReadVersionAsync));

    private static async Task<object?> ReadVersionAsync(NpgsqlDataReader reader) =>
        await reader.ReadAsync(CancellationToken.None) ? reader.GetInt32(0) : null;

    private NpgsqlBatchCommand BatchCommand(ReminderChange change)
    {
        var command = new NpgsqlBatchCommand(change.StartAt is null ? RemoveSql : UpsertSql);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter { Value = _serviceId, NpgsqlDbType = NpgsqlDbType.Varchar });
        p.Add(new NpgsqlParameter { Value = change.GrainId, NpgsqlDbType = NpgsqlDbType.Varchar });
        p.Add(new NpgsqlParameter { Value = change.Name, NpgsqlDbType = NpgsqlDbType.Varchar });
        if (change.StartAt is { } startAt)
        {
            p.Add(new NpgsqlParameter { Value = startAt, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            p.Add(new NpgsqlParameter { Value = change.PeriodMilliseconds, NpgsqlDbType = NpgsqlDbType.Bigint });
            p.Add(new NpgsqlParameter { Value = change.Hash, NpgsqlDbType = NpgsqlDbType.Integer });
        }
        else
        {
            p.Add(new NpgsqlParameter { Value = change.ExpectedVersion, NpgsqlDbType = NpgsqlDbType.Integer });
        }

        return command;
    }

    private NpgsqlCommand Command(string sql, params object[] parameters)
    {
        var command = _dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = _serviceId, NpgsqlDbType = NpgsqlDbType.Varchar });
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private static async Task<List<ReminderEntry>> ReadEntriesAsync(NpgsqlCommand command)
    {
        var entries = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            entries.Add(Entry(reader, 0));
        }

        return entries;
    }

    /// <summary>The entry in the reader's columns from <paramref name="first"/> on, in <see cref="Columns"/>' order.</summary>
    private static ReminderEntry Entry(NpgsqlDataReader reader, int first) => new()
    {
        GrainId = GrainId.Parse(reader.GetString(first), CultureInfo.InvariantCulture),
        ReminderName = reader.GetString(first + 1),
        StartAt = DateTime.SpecifyKind(reader.GetDateTime(first + 2), DateTimeKind.Utc),
        Period = TimeSpan.FromMilliseconds(reader.GetInt64(first + 3)),
        ETag = reader.GetInt32(first + 4).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>One change of a batch: an upsert (<see cref="StartAt"/> set) or a removal by ETag.</summary>
    private sealed record ReminderChange(string GrainId, string Name, int Hash, DateTime? StartAt, long PeriodMilliseconds, int ExpectedVersion)
    {
        /// <summary>Orleans gives UTC times; a local one is converted, an unspecified one taken as UTC (as the
        /// stock table's driver does). The period in whole milliseconds, as the stock table stores it.</summary>
        public static ReminderChange Upsert(ReminderEntry entry) => new(
            entry.GrainId.ToString(),
            entry.ReminderName,
            unchecked((int)entry.GrainId.GetUniformHashCode()),
            entry.StartAt.Kind == DateTimeKind.Local ? entry.StartAt.ToUniversalTime() : DateTime.SpecifyKind(entry.StartAt, DateTimeKind.Utc),
            (long)entry.Period.TotalMilliseconds,
            0);

        public static ReminderChange Remove(GrainId grainId, string name, int expectedVersion) =>
            new(grainId.ToString(), name, 0, null, 0, expectedVersion);
    }
}

using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Orleans.Configuration;

namespace TicketCluster.Benchmarks.Reminders;

/// <summary>
/// The benchmark's rows in Orleans' ADO.NET reminder table (<c>orleansreminderstable</c>) and its grains'
/// states. One row is written through Orleans' own <see cref="IReminderTable"/> to learn how it stores a
/// grain id and a period; the million are then copied in with <c>COPY</c>, each with its grain's hash
/// computed as Orleans computes it (registering them through the table would take longer than firing them).
/// </summary>
internal sealed class ReminderRows(string database)
{
    public const string GrainType = "bench";
    public const string ReminderName = "deadline";

    /// <summary>The scale-out drains' period (an overdue tick fires at the next point of this grid): a minute, so
    /// that every silo of a cluster has joined before the backlog's first grid point. Other runs use the node's
    /// period (<see cref="BenchSilo.RetryPeriod"/>).</summary>
    public static readonly TimeSpan ClusterPeriod = TimeSpan.FromMinutes(1);

    /// <summary>How Orleans spelled the template grain's id and the period in its row.</summary>
    public sealed record Format(string GrainIdTemplate, long Period);

    private const string TemplateKey = "template-key";

    public Task ResetAsync(CancellationToken cancellationToken) =>
        ExecuteAsync($"DELETE FROM orleansreminderstable WHERE grainid LIKE '{GrainType}%'; DELETE FROM grain_state WHERE grain_type = '{GrainType}'", cancellationToken);

    public async Task<Format> LearnFormatAsync(TimeSpan period, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = "bench-seed";
            o.ServiceId = BenchSilo.ServiceId;
        });
        services.UseAdoNetReminderService(options => options.Configure(o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = database;
        }));
        await using var container = services.BuildServiceProvider();
        var table = container.GetRequiredService<IReminderTable>();
        await table.StartAsync(cancellationToken);
        var grain = GrainId.Create(GrainType, TemplateKey);
        await table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = ReminderName, StartAt = TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(30), Period = period }, cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT grainid, period FROM orleansreminderstable WHERE grainid LIKE @pattern", connection);
        command.Parameters.AddWithValue("pattern", "%" + TemplateKey);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException("Orleans' reminder table did not store the template row.");
        }

        var format = new Format(reader.GetString(0).Replace(TemplateKey, "{0}", StringComparison.Ordinal), reader.GetInt64(1));
        await reader.DisposeAsync();
        await ExecuteAsync($"DELETE FROM orleansreminderstable WHERE grainid LIKE '%{TemplateKey}'", cancellationToken);
        return format;
    }

    /// <summary>Keys <c>due+1..pending</c> 30 days ahead; keys 1..due due from <c>now + lead</c>, spread
    /// evenly over <paramref name="spread"/> (all at once when it is zero). Returns the earliest due time.</summary>
    public async Task<DateTimeOffset> SeedAsync(Format format, int pending, int due, TimeSpan lead, TimeSpan spread, CancellationToken cancellationToken)
    {
        var now = TimeProvider.System.GetUtcNow();
        var first = now + lead;
        await using var connection = await OpenAsync(cancellationToken);
        await using (var import = await connection.BeginBinaryImportAsync(CopyRows, cancellationToken))
        {
            for (var i = 1; i <= pending; i++)
            {
                var key = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var grain = GrainId.Create(GrainType, key);
                var at = i <= due ? first + (spread * (i - 1) / due) : now.AddDays(30);
                var grainId = string.Format(System.Globalization.CultureInfo.InvariantCulture, format.GrainIdTemplate, key);
                await WriteRowAsync(import, grainId, ReminderName, at.UtcDateTime, format.Period, unchecked((int)grain.GetUniformHashCode()), cancellationToken);
            }

            await import.CompleteAsync(cancellationToken);
        }

        await ExecuteAsync("ANALYZE orleansreminderstable", cancellationToken);
        return first;
    }

    /// <summary>Gives each grain <c>{grainType}/{key}</c> of <paramref name="keys"/> copies of the reminder rows of
    /// the grain <c>{grainType}/{template}</c>, with the same names and schedules.</summary>
    public async Task CopyRowsAsync(string grainType, string template, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var rows = new List<(string GrainId, string Name, DateTime Start, long Period)>();
        await using var connection = await OpenAsync(cancellationToken);
        await using (var command = new NpgsqlCommand("SELECT grainid, remindername, starttime, period FROM orleansreminderstable WHERE serviceid = @service AND grainid LIKE @pattern", connection))
        {
            command.Parameters.AddWithValue("service", BenchSilo.ServiceId);
            command.Parameters.AddWithValue("pattern", "%" + template);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetString(0), reader.GetString(1), reader.GetDateTime(2), reader.GetInt64(3)));
            }
        }

        await using var import = await connection.BeginBinaryImportAsync(CopyRows, cancellationToken);
        foreach (var key in keys)
        {
            var hash = unchecked((int)GrainId.Create(grainType, key).GetUniformHashCode());
            foreach (var row in rows)
            {
                await WriteRowAsync(import, row.GrainId.Replace(template, key, StringComparison.Ordinal), row.Name, row.Start, row.Period, hash, cancellationToken);
            }
        }

        await import.CompleteAsync(cancellationToken);
    }

    /// <summary>Lost: due reminders whose grain never counted a firing; duplicated: grains that counted more than one.</summary>
    public async Task<(long Lost, long Duplicated)> CountEffectsAsync(int due, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"""
            SELECT
              $1 - count(*) FILTER (WHERE (convert_from(state, 'UTF8')::jsonb->>'fired')::int >= 1),
              count(*) FILTER (WHERE (convert_from(state, 'UTF8')::jsonb->>'fired')::int > 1)
            FROM grain_state WHERE grain_type = '{GrainType}'
            """,
            connection);
        command.CommandTimeout = 600;
        command.Parameters.AddWithValue((long)due);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>The due reminders' rows still in the table (the far ones are 30 days ahead): after a drain, the
    /// reminders whose turn did not unregister them.</summary>
    public async Task<long> CountDueRowsLeftAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"SELECT count(*) FROM orleansreminderstable WHERE serviceid = @service AND grainid LIKE '{GrainType}%' AND starttime < now() + interval '1 day'",
            connection);
        command.Parameters.AddWithValue("service", BenchSilo.ServiceId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The <c>COPY</c> of reminder rows, as the columns are listed here.</summary>
    private const string CopyRows =
        "COPY orleansreminderstable (serviceid, grainid, remindername, starttime, period, grainhash, version) FROM STDIN (FORMAT BINARY)";

    private static async Task WriteRowAsync(NpgsqlBinaryImporter import, string grainId, string name, DateTime start, long period, int hash, CancellationToken cancellationToken)
    {
        await import.StartRowAsync(cancellationToken);
        await import.WriteAsync(BenchSilo.ServiceId, NpgsqlDbType.Varchar, cancellationToken);
        await import.WriteAsync(grainId, NpgsqlDbType.Varchar, cancellationToken);
        await import.WriteAsync(name, NpgsqlDbType.Varchar, cancellationToken);
        await import.WriteAsync(start, NpgsqlDbType.TimestampTz, cancellationToken);
        await import.WriteAsync(period, NpgsqlDbType.Bigint, cancellationToken);
        await import.WriteAsync(hash, NpgsqlDbType.Integer, cancellationToken);
        await import.WriteAsync(0, NpgsqlDbType.Integer, cancellationToken);
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

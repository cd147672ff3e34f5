using System.Globalization;
using Npgsql;
using Quartz;

namespace TicketCluster.Benchmarks.Quartz;

/// <summary>
/// The peer's schema and schedule. The schema is the one the Quartz assembly embeds for its own
/// version (the script in Quartz's repository lags behind the columns 4.x writes). The schedule is
/// what Quartz users write for per-entity deadlines: one durable job, the deadline handler, and one
/// one-shot simple trigger per entity, named by the entity's key. Scheduling a million triggers
/// through the API would take far longer than the benchmark, so one trigger is scheduled through the
/// API and its rows are cloned by <c>INSERT … SELECT … generate_series</c>, with only the name and
/// the times changed: every other column holds exactly what Quartz wrote.
/// </summary>
internal static class QuartzSeed
{
    public const string SchedulerName = "ticket-deadlines";
    public const string TablePrefix = "qrtz_";
    public const string TriggerGroup = "deadline";
    private const string TemplateName = "template";

    /// <summary>Ticks (100 ns, Quartz's unit for every time column) from 0001-01-01 to the Unix epoch.</summary>
    private const long UnixEpochTicks = 621_355_968_000_000_000;

    public static readonly JobKey Job = new("ticket-deadline", "deadline");

    /// <summary>Creates Quartz's tables from the script embedded in the Quartz assembly.</summary>
    public static async Task EnsureSchemaAsync(string connectionString, CancellationToken cancellationToken)
    {
        const string resource = "Quartz.Impl.AdoJobStore.Schema.create_postgres.sql";
        await using var stream = typeof(IScheduler).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The Quartz assembly has no resource {resource}.");
        using var reader = new StreamReader(stream);
        var script = await reader.ReadToEndAsync(cancellationToken);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        // The script's statements are separated by a line reading '--;;'; {0} is the table prefix and
        // {1} the same prefix for index names.
        foreach (var statement in script.Split("\n--;;", StringSplitOptions.RemoveEmptyEntries))
        {
            var sql = statement.Replace("{0}", TablePrefix, StringComparison.Ordinal).Replace("{1}", TablePrefix, StringComparison.Ordinal);
            if (sql.Split('\n').All(line => line.TrimStart().StartsWith("--", StringComparison.Ordinal) || string.IsNullOrWhiteSpace(line)))
            {
                continue;
            }

            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Schedules the template through <paramref name="scheduler"/> (built, not started) and clones
    /// it: keys 1..due fall due from three seconds after their insert starts, evenly over the spread,
    /// the others 30 days later. The far triggers of a previous run of the same size are untouched
    /// by it (they lie 30 days ahead) and are kept, which saves most of a million-row insert per
    /// run; anything else empties the store first. Returns the earliest due time.
    /// </summary>
    public static async Task<DateTimeOffset> SeedAsync(
        string connectionString, IScheduler scheduler, TimeProvider time, int pending, int due, TimeSpan spread, CancellationToken cancellationToken)
    {
        var keepFar = await CountFarAsync(connectionString, due, cancellationToken) == pending - due;
        if (keepFar)
        {
            await ExecuteAsync(
                connectionString,
                $"""
                TRUNCATE {TablePrefix}fired_triggers, {TablePrefix}scheduler_state;
                DELETE FROM {TablePrefix}triggers WHERE trigger_group = '{TriggerGroup}'
                  AND trigger_name IN (SELECT i::text FROM generate_series(1, {due.ToString(CultureInfo.InvariantCulture)}) AS i UNION ALL SELECT '{TemplateName}');
                """,
                cancellationToken);
        }
        else
        {
            await ExecuteAsync(connectionString, $"TRUNCATE {TablePrefix}fired_triggers, {TablePrefix}simple_triggers, {TablePrefix}triggers, {TablePrefix}job_details, {TablePrefix}scheduler_state CASCADE", cancellationToken);
            var job = JobBuilder.Create<DeadlineJob>().WithIdentity(Job).StoreDurably().Build();
            await scheduler.AddJob(job, default, cancellationToken);
        }

        var templateStart = time.GetUtcNow().AddDays(30);
        await scheduler.ScheduleJob(
            TriggerBuilder.Create(time)
                .WithIdentity(TemplateName, TriggerGroup)
                .ForJob(Job)
                .StartAt(templateStart)
                .WithSchedule(SimpleScheduleBuilder.Create().WithRepeatCount(0))
                .Build(),
            default,
            cancellationToken);
        await CheckTemplateAsync(connectionString, templateStart, cancellationToken);

        // The far triggers first, then the due ones timed from their own insert (three seconds
        // after it starts), so the due times do not include the far triggers' insert; then ANALYZE,
        // so the planner knows the due rows when Quartz acquires them.
        if (!keepFar)
        {
            await CloneAsync(connectionString, due + 1, pending, "clock_timestamp() + interval '30 days'", cancellationToken);
        }

        var spreadMicroseconds = (spread.Ticks / TimeSpan.TicksPerMicrosecond).ToString(CultureInfo.InvariantCulture);
        var dueCount = due.ToString(CultureInfo.InvariantCulture);
        await CloneAsync(connectionString, 1, due, $"t.start + ({spreadMicroseconds}::bigint * (i - 1) / {dueCount}) * interval '1 microsecond'", cancellationToken);
        await ExecuteAsync(connectionString, $"DELETE FROM {TablePrefix}triggers WHERE trigger_name = '{TemplateName}'", cancellationToken);
        await ExecuteAsync(connectionString, $"ANALYZE {TablePrefix}triggers; ANALYZE {TablePrefix}simple_triggers", cancellationToken);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var earliest = new NpgsqlCommand($"SELECT min(next_fire_time) FROM {TablePrefix}triggers", connection);
        var ticks = (long)(await earliest.ExecuteScalarAsync(cancellationToken))!;
        return new DateTimeOffset(ticks, TimeSpan.Zero);
    }

    /// <summary>How many triggers beyond the due keys wait, untouched, 30 days or more ahead.</summary>
    private static async Task<long> CountFarAsync(string connectionString, int due, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"""
            SELECT count(*) FROM {TablePrefix}triggers
            WHERE trigger_group = $1 AND trigger_state = 'WAITING' AND CASE WHEN trigger_name ~ '^[0-9]+$' THEN trigger_name::bigint END > $2
              AND next_fire_time > (extract(epoch FROM clock_timestamp() + interval '29 days') * 10000000)::bigint + {UnixEpochTicks}
            """,
            connection);
        command.Parameters.AddWithValue(TriggerGroup);
        command.Parameters.AddWithValue((long)due);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The keys of <paramref name="from"/>..<paramref name="to"/> that Quartz still holds.</summary>
    public static async Task<HashSet<string>> RemainingAsync(string connectionString, int from, int to, CancellationToken cancellationToken)
    {
        var names = await StringsAsync(
            connectionString,
            $"SELECT trigger_name FROM {TablePrefix}triggers WHERE trigger_group = $1 AND trigger_name <> $2 AND CASE WHEN trigger_name ~ '^[0-9]+$' THEN trigger_name::bigint END BETWEEN $3 AND $4",
            [TriggerGroup, TemplateName, (long)from, (long)to],
            cancellationToken);
        return names.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Asserts the shape the clone relies on: one trigger row, one simple-trigger row with a
    /// repeat count of 0, and times in ticks (Quartz.NET stores <c>DateTimeOffset.UtcTicks</c>).</summary>
    private static async Task CheckTemplateAsync(string connectionString, DateTimeOffset templateStart, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"""
            SELECT t.start_time, t.next_fire_time, t.trigger_state, t.trigger_type, s.repeat_count
            FROM {TablePrefix}triggers t JOIN {TablePrefix}simple_triggers s USING (sched_name, trigger_name, trigger_group)
            WHERE t.trigger_name = $1
            """,
            connection);
        command.Parameters.AddWithValue(TemplateName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException("The template trigger was not written as a simple trigger.");
        }

        var (start, next, state, type, repeat) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4));
        // Quartz may truncate sub-millisecond precision; a difference under a millisecond is the same time.
        if (Math.Abs(start - templateStart.UtcTicks) >= TimeSpan.TicksPerMillisecond || next != start || repeat != 0)
        {
            throw new InvalidOperationException(
                $"Unexpected template row: start_time {start}, next_fire_time {next} (expected about {templateStart.UtcTicks}), state {state}, type {type}, repeat {repeat}.");
        }
    }

    /// <summary>Clones the template's trigger and simple-trigger rows for keys from..to; every column
    /// but the name, the start time and the next fire time is copied from the template.</summary>
    private static async Task CloneAsync(string connectionString, int from, int to, string dueExpression, CancellationToken cancellationToken)
    {
        if (to < from)
        {
            return;
        }

        var triggerColumns = await ColumnsAsync(connectionString, $"{TablePrefix}triggers", cancellationToken);
        var simpleColumns = await ColumnsAsync(connectionString, $"{TablePrefix}simple_triggers", cancellationToken);
        var ticks = $"((extract(epoch FROM ({dueExpression})) * 10000000)::bigint + {UnixEpochTicks})";
        var triggerValues = triggerColumns.Select(c => c switch
        {
            "trigger_name" => "i::text",
            "start_time" or "next_fire_time" => ticks,
            _ => "tpl." + c,
        });
        var simpleValues = simpleColumns.Select(c => c == "trigger_name" ? "i::text" : "tpl." + c);
        var range = $"generate_series({from.ToString(CultureInfo.InvariantCulture)}, {to.ToString(CultureInfo.InvariantCulture)}) AS i";
        await ExecuteAsync(
            connectionString,
            $"""
            WITH t AS (SELECT clock_timestamp() + interval '3 seconds' AS start)
            INSERT INTO {TablePrefix}triggers ({string.Join(", ", triggerColumns)})
            SELECT {string.Join(", ", triggerValues)}
            FROM {TablePrefix}triggers tpl, t, {range}
            WHERE tpl.trigger_name = '{TemplateName}';
            INSERT INTO {TablePrefix}simple_triggers ({string.Join(", ", simpleColumns)})
            SELECT {string.Join(", ", simpleValues)}
            FROM {TablePrefix}simple_triggers tpl, {range}
            WHERE tpl.trigger_name = '{TemplateName}';
            """,
            cancellationToken);
    }

    private static Task<List<string>> ColumnsAsync(string connectionString, string table, CancellationToken cancellationToken) =>
        StringsAsync(
            connectionString,
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
            [table],
            cancellationToken);

    /// <summary>The first column of every row <paramref name="sql"/> returns, in order.</summary>
    private static async Task<List<string>> StringsAsync(string connectionString, string sql, object[] parameters, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }

        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 900 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;
using TicketCluster.Benchmarks.Reminders;
using TicketCluster.Grains;
using TicketCluster.Testing.Postgres;

namespace TicketCluster.Benchmarks.Memory;

/// <summary>
/// What tickets cost in memory on Orleans. (1) Bytes per ticket activation: real tickets opened through
/// the ticket grain on one silo, then a fresh silo reads each once; the managed heap after a full
/// collection, before and after, divided by their number. (2) The peak working set of a silo that
/// touches a million distinct tickets, in a child process (<see cref="MemoryChild"/>); the tickets are
/// copies of a real ticket's rows (state, query row, reminder rows) made with SQL and <c>COPY</c>, each
/// with its own id inside its state; then the same tickets touched again by a child silo that sheds
/// activations on memory pressure as the node does, under a memory limit. (3) What registered reminders
/// cost, inside and outside Orleans' loading window (<see cref="ReminderMemory"/>).
/// </summary>
internal static class MemoryBenchmark
{
    private const int Concurrency = 64;
    private const int WarmUp = 200;

    public sealed record Result(
        int Activations,
        int ActivationsAdded,
        long HeapBefore,
        long HeapAfter,
        int StoredStateBytes,
        MemoryChild.Result Peak,
        double SeedSeconds,
        MemoryChild.Result Bounded,
        ReminderMemory.Result Reminders)
    {
        public double BytesPerActivation => (double)(HeapAfter - HeapBefore) / ActivationsAdded;
    }

    public static string Key(string prefix, int i) => string.Create(CultureInfo.InvariantCulture, $"{prefix}-{i:D7}");

    /// <param name="touchedUnderBound">How many tickets the silo under the memory limit touches, instead of the
    /// run's default (<c>--touched</c>).</param>
    public static async Task<Result> RunAsync(PostgresServer server, bool quick, CancellationToken cancellationToken, int? touchedUnderBound = null)
    {
        var activations = quick ? 2_000 : 20_000;
        // The full run touches a million tickets under the bound (about five minutes here, and a minute to copy
        // them) and the first 100,000 of them without one.
        var touched = touchedUnderBound ?? (quick ? 20_000 : 1_000_000);
        var touchedUnbounded = Math.Min(touched, quick ? 20_000 : 100_000);
        var bound = new MemoryChild.Bound(quick ? 256L << 20 : 1L << 30);
        var database = await server.CreateDatabaseAsync("memory", cancellationToken);

        Console.WriteLine($"  opening {activations + WarmUp:N0} tickets ...");
        await using (var writer = await BenchSilo.StartPostgresAsync(database))
        {
            await OpenBenchmark.ForEachAsync(activations + WarmUp, Concurrency, n => OpenBenchmark.OpenOneAsync(writer.Grains, Key("act", n), n));
        }

        Console.WriteLine($"  activating {activations:N0} tickets in a fresh silo ...");
        long before;
        long after;
        int added;
        await using (var reader = await BenchSilo.StartPostgresAsync(database))
        {
            // The warm-up tickets stay active in both measurements: they take the one-time costs
            // (code, connection pool, buffers) out of the difference.
            await OpenBenchmark.ForEachAsync(WarmUp, Concurrency, n => MemoryChild.TouchAsync(reader.Grains, Key("act", activations + n)));
            var activeBefore = await MemoryChild.ActivationsAsync(reader.Grains);
            before = GC.GetTotalMemory(forceFullCollection: true);
            await OpenBenchmark.ForEachAsync(activations, Concurrency, n => MemoryChild.TouchAsync(reader.Grains, Key("act", n)));
            after = GC.GetTotalMemory(forceFullCollection: true);
            added = await MemoryChild.ActivationsAsync(reader.Grains) - activeBefore;
        }

        var stateBytes = await ScalarAsync<int>(database, "SELECT avg(octet_length(state))::int FROM grain_state WHERE grain_type = 'ticket'", cancellationToken);
        Console.WriteLine($"  copying a ticket into {touched:N0} tickets with SQL ...");
        var seeding = Stopwatch.StartNew();
        await CopyTicketAsync(database, Key("act", 0), "mem", touched, cancellationToken);
        await new ReminderRows(database).CopyRowsAsync(GrainTypes.Ticket, Key("act", 0), Enumerable.Range(0, touched).Select(i => Key("mem", i)), cancellationToken);
        var seedSeconds = seeding.Elapsed.TotalSeconds;
        Console.WriteLine($"  touching {touchedUnbounded:N0} tickets in a child process ...");
        var peak = await RunChildAsync<MemoryChild.Result>(MemoryChild.Arguments(database, "mem", touchedUnbounded), null, cancellationToken);
        Console.WriteLine($"  touching {touched:N0} tickets again, shedding under a memory limit of {bound.HeapHardLimitBytes >> 20:N0} MiB ...");
        var bounded = await RunChildAsync<MemoryChild.Result>(MemoryChild.Arguments(database, "mem", touched, bound), bound.HeapHardLimitBytes, cancellationToken);
        var reminders = await ReminderMemory.RunAsync(server, quick, (arguments, token) => RunChildAsync(arguments, null, token), cancellationToken);
        return new Result(activations, added, before, after, stateBytes, peak, seedSeconds, bounded, reminders);
    }

    /// <summary>
    /// Makes <paramref name="count"/> tickets <c>prefix-0000000</c>… from the ticket
    /// <paramref name="template"/>: its state row with every occurrence of its id (the ticket id, and the
    /// channel message and order ids built from it) replaced by the copy's id, and its query row likewise.
    /// In chunks, so that each statement stays a modest transaction.
    /// </summary>
    private static async Task CopyTicketAsync(string database, string template, string prefix, int count, CancellationToken cancellationToken)
    {
        const int Chunk = 100_000;
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(cancellationToken);
        for (var from = 0; from < count; from += Chunk)
        {
            await using var command = new NpgsqlCommand(
                """
                WITH ids AS (
                  SELECT @prefix || '-' || lpad(i::text, 7, '0') AS id FROM generate_series(@from, @to) AS i
                ), states AS (
                  INSERT INTO grain_state (grain_type, grain_key, version, state, updated_at)
                  SELECT s.grain_type, ids.id, s.version, convert_to(replace(convert_from(s.state, 'UTF8'), @template, ids.id), 'UTF8'), s.updated_at
                  FROM grain_state AS s, ids
                  WHERE s.grain_type = 'ticket' AND s.grain_key = @template
                )
                INSERT INTO ticket_query
                SELECT (jsonb_populate_record(q, jsonb_build_object('ticket_id', ids.id, 'order_id', replace(q.order_id, @template, ids.id)))).*
                FROM ticket_query AS q, ids
                WHERE q.ticket_id = @template
                """,
                connection)
            {
                CommandTimeout = 0,
            };
            command.Parameters.AddWithValue("prefix", prefix);
            command.Parameters.AddWithValue("template", template);
            command.Parameters.AddWithValue("from", from);
            command.Parameters.AddWithValue("to", Math.Min(count, from + Chunk) - 1);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task<T> RunChildAsync<T>(string[] arguments, long? heapHardLimit, CancellationToken cancellationToken) =>
        JsonSerializer.Deserialize<T>(await RunChildAsync(arguments, heapHardLimit, cancellationToken))!;

    /// <summary>Runs <see cref="MemoryChild"/> as this program re-invoked with <paramref name="arguments"/>, with the
    /// runtime's heap hard limit when given, and returns its result line's JSON.</summary>
    private static async Task<string> RunChildAsync(string[] arguments, long? heapHardLimit, CancellationToken cancellationToken)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(MemoryBenchmark).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (heapHardLimit is { } limit)
        {
            start.Environment["DOTNET_GCHeapHardLimit"] = limit.ToString("x", CultureInfo.InvariantCulture);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("The memory child could not be started.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var line = (await output).Split('\n').FirstOrDefault(l => l.StartsWith(MemoryChild.ResultPrefix, StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"The memory child failed ({process.ExitCode}): {await error}");
        }

        return line[MemoryChild.ResultPrefix.Length..];
    }

    private static async Task<T> ScalarAsync<T>(string database, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}

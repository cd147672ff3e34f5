using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;
using TicketCluster.Domain.Sla;
using TicketCluster.Grains.Tickets;
using TicketCluster.Runtime;
using TicketCluster.Runtime.Options;
using TicketCluster.Storage.Postgres;
using TicketCluster.Testing.Postgres;
using TicketCluster.Grains.Legacy;
using TicketGrain = TicketCluster.Grains.Legacy.TicketGrain;

namespace TicketCluster.Benchmarks.Memory;

/// <summary>
/// What tickets cost in memory. (1) Bytes per cached ticket activation: real tickets opened through the
/// ticket grain, then a fresh runtime reads each once; the managed heap after a full collection, before
/// and after, divided by their number. (2) The peak working set of a node that touches a million
/// distinct tickets under its activation cap, in a child process (<see cref="MemoryChild"/>); the
/// tickets are copies of a real ticket's rows made with SQL, each with its own id inside its state.
/// </summary>
internal static class MemoryBenchmark
{
    private const int Concurrency = 64;
    private const int WarmUp = 200;

    public sealed record Result(
        int Activations,
        long HeapBefore,
        long HeapAfter,
        int StoredStateBytes,
        MemoryChild.Result Peak,
        double SeedSeconds)
    {
        public double BytesPerActivation => (double)(HeapAfter - HeapBefore) / Activations;
    }

    public static string Key(string prefix, int i) => string.Create(CultureInfo.InvariantCulture, $"{prefix}-{i:D7}");

    public static async Task<Result> RunAsync(PostgresServer server, bool quick, CancellationToken cancellationToken)
    {
        var activations = quick ? 2_000 : 20_000;
        var touched = quick ? 50_000 : 1_000_000;
        var cap = quick ? 10_000 : new GrainRuntimeOptions().MaxActivations;
        var database = await server.CreateDatabaseAsync("memory", cancellationToken);
        await using var storage = new PostgresGrainStorage(database);
        await storage.EnsureSchemaAsync(cancellationToken);

        Console.WriteLine($"  opening {activations + WarmUp:N0} tickets ...");
        await using (var writer = Runtime(storage, new GrainRuntimeOptions().MaxActivations))
        {
            await ForEachAsync(activations + WarmUp, Concurrency, async n =>
            {
                var id = Key("act", n);
                var outcome = await writer.GetGrain<TicketGrain>(id).InvokeAsNewAsync(g => g.OpenAsync(OpenBenchmark.Command(id, n), null));
                if (!outcome.IsAccepted)
                {
                    throw new InvalidOperationException($"Open refused: {outcome.Rejection}");
                }
            });
        }

        Console.WriteLine($"  activating {activations:N0} tickets in a fresh runtime ...");
        long before;
        long after;
        int count;
        await using (var reader = Runtime(storage, new GrainRuntimeOptions().MaxActivations))
        {
            // The warm-up tickets stay cached in both measurements: they take the one-time costs
            // (code, connection pool, buffers) out of the difference.
            await ForEachAsync(WarmUp, Concurrency, n => MemoryChild.TouchAsync(reader, Key("act", activations + n)));
            before = GC.GetTotalMemory(forceFullCollection: true);
            await ForEachAsync(activations, Concurrency, n => MemoryChild.TouchAsync(reader, Key("act", n)));
            after = GC.GetTotalMemory(forceFullCollection: true);
            count = reader.ActivationCount - WarmUp;
        }

        var stateBytes = await ScalarAsync<int>(database, "SELECT avg(octet_length(state))::int FROM grain_state WHERE grain_type = 'ticket'", cancellationToken);
        Console.WriteLine($"  copying a ticket into {touched:N0} tickets with SQL ...");
        var seeding = Stopwatch.StartNew();
        await CopyTicketAsync(database, Key("act", 0), "mem", touched, cancellationToken);
        var seedSeconds = seeding.Elapsed.TotalSeconds;
        Console.WriteLine($"  touching {touched:N0} tickets in a child process, activation cap {cap:N0} ...");
        var peak = await RunChildAsync(database, "mem", touched, cap, cancellationToken);
        return new Result(count, before, after, stateBytes, peak, seedSeconds);
    }

    private static GrainRuntime Runtime(PostgresGrainStorage storage, int cap)
    {
        var options = new GrainRuntimeOptions { NodeId = "memory-bench", MaxActivations = cap };
        options.Reminders.Enabled = false;
        options.Outbox.Enabled = false;
        return new GrainRuntime(storage, new GrainTypeRegistry().AddTicketGrains(TicketPolicy.Default), options);
    }

    private static async Task ForEachAsync(int count, int concurrency, Func<int, Task> body)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                await body(i);
            }
        }));
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

    /// <summary>Runs <see cref="MemoryChild"/> as this program re-invoked, and reads its result line.</summary>
    private static async Task<MemoryChild.Result> RunChildAsync(string database, string prefix, int count, int cap, CancellationToken cancellationToken)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(MemoryBenchmark).Assembly.Location);
        }

        foreach (var argument in MemoryChild.Arguments(database, prefix, count, cap))
        {
            start.ArgumentList.Add(argument);
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

        return JsonSerializer.Deserialize<MemoryChild.Result>(line[MemoryChild.ResultPrefix.Length..])!;
    }

    private static async Task<T> ScalarAsync<T>(string database, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}

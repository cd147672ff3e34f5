using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;
using TicketCluster.Runtime;
using TicketCluster.Runtime.Diagnostics;
using TicketCluster.Runtime.Grains;
using TicketCluster.Runtime.Options;
using TicketCluster.Runtime.Storage;

namespace TicketCluster.Benchmarks;

/// <summary>
/// Reminder firing on PostgreSQL with 1,000,000 reminders pending: <c>due</c> of them fall due (either
/// all at once, a backlog as after an outage, or spread evenly over a window) and the rest lie days
/// ahead. The rate is taken over the window from the first due time (or the nodes' start, if later)
/// to the last firing. Each firing is a grain turn that writes the grain's state and completes the reminder in the
/// same write. Lateness is fired − due; lost and duplicate fires are counted from the grains' states.
/// </summary>
internal static class ReminderBenchmark
{
    public sealed record Result(
        string Scenario, int Nodes, Setup Setup, int Pending, int Due, TimeSpan Spread, double FiresPerSecond,
        double LatenessP50Ms, double LatenessP99Ms, double LatenessMaxMs, long Lost, long Duplicated, long FenceLost, CpuSample Cpu)
    {
        /// <summary>CPU time per fire, node and server together, in milliseconds: what bounds the rate
        /// when both share the machine's cores, whatever else runs beside them.</summary>
        public double CpuMsPerFire => 1000 * (Cpu.AppCores + Cpu.PostgresCores) / FiresPerSecond;
    }

    /// <summary>The dispatcher's settings on every node of a run.</summary>
    /// <param name="TurnWaitMs">How long each firing turn waits before its write, as a turn that calls
    /// another system (a notification, a carrier's API) does: the node's pipeline, not the CPU, then
    /// bounds its rate.</param>
    public sealed record Setup(int ClaimBatch = 256, int RoundsInFlight = 4, int WriteBatch = 256, int WriteBatchesInFlight = 2, int TurnWaitMs = 0)
    {
        /// <summary>The runtime's own defaults (<see cref="GrainRuntimeOptions"/>).</summary>
        public static Setup RuntimeDefaults { get; } = FromOptions(new GrainRuntimeOptions());

        private static Setup FromOptions(GrainRuntimeOptions o) =>
            new(o.Reminders.ClaimBatchSize, o.Reminders.MaxRoundsInFlight, o.GroupCommit.MaxBatchSize, o.GroupCommit.MaxBatchesInFlight);

        public Setup WithTurnWait(int milliseconds) => this with { TurnWaitMs = milliseconds };

        public override string ToString() =>
            $"claim {ClaimBatch} × {RoundsInFlight} rounds, writes {WriteBatch} × {WriteBatchesInFlight}" + (TurnWaitMs > 0 ? $"; turns wait {TurnWaitMs} ms" : "");
    }

    public static async Task<Result> RunAsync(string connectionString, string scenario, int nodes, int pending, int due, TimeSpan spread, Setup setup)
    {
        await ResetAsync(connectionString);
        var start = await SeedAsync(connectionString, pending, due, spread);
        var lateness = new ConcurrentBag<double>();
        long completed = 0;
        long fenceLost = 0;
        var allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runtimes = new List<(GrainRuntime Runtime, IGrainStorage Storage)>();
        var clock = Stopwatch.StartNew();
        DateTimeOffset? lastFired = null;
        for (var i = 0; i < nodes; i++)
        {
            var storage = new Storage.Postgres.PostgresGrainStorage(connectionString);
            var options = new GrainRuntimeOptions { NodeId = $"bench-{i}" };
            options.Outbox.Enabled = false;
            options.Reminders.ClaimBatchSize = setup.ClaimBatch;
            options.Reminders.MaxRoundsInFlight = setup.RoundsInFlight;
            options.Reminders.Lease = TimeSpan.FromSeconds(30);
            options.GroupCommit.MaxBatchSize = setup.WriteBatch;
            options.GroupCommit.MaxBatchesInFlight = setup.WriteBatchesInFlight;
            var runtime = new GrainRuntime(storage, new GrainTypeRegistry().Add("bench", _ => new BenchGrain(TimeSpan.FromMilliseconds(setup.TurnWaitMs))), options);
            runtime.Events.ReminderFired += fired =>
            {
                if (fired.Outcome == ReminderOutcome.FenceLost)
                {
                    Interlocked.Increment(ref fenceLost);
                    return;
                }

                if (fired.Outcome != ReminderOutcome.Completed)
                {
                    return;
                }

                lateness.Add((fired.FiredAt - fired.DueAt).TotalMilliseconds);
                lock (lateness)
                {
                    if (lastFired is null || fired.FiredAt > lastFired)
                    {
                        lastFired = fired.FiredAt;
                    }
                }

                if (Interlocked.Increment(ref completed) == due)
                {
                    allDone.TrySetResult();
                }
            };
            runtimes.Add((runtime, storage));
        }

        foreach (var (runtime, _) in runtimes)
        {
            await runtime.StartAsync(CancellationToken.None);
        }

        var started = TimeProvider.System.GetUtcNow();
        var cpu = CpuSample.Start();
        await allDone.Task.WaitAsync(TimeSpan.FromMinutes(10));
        var used = cpu();
        var firstDue = start > started ? start : started;
        foreach (var (runtime, storage) in runtimes)
        {
            await runtime.StopAsync(CancellationToken.None);
            await runtime.DisposeAsync();
            await storage.DisposeAsync();
        }

        var (lost, duplicated) = await CountEffectsAsync(connectionString, due);
        var window = (lastFired!.Value - firstDue).TotalSeconds;
        var sample = new Percentiles(lateness);
        return new Result(scenario, nodes, setup, pending, due, spread, due / Math.Max(window, 0.001), sample[50], sample[99], sample.Max, lost, duplicated, fenceLost, used);
    }

    private static async Task ResetAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("DELETE FROM reminders WHERE grain_type = 'bench'; DELETE FROM grain_state WHERE grain_type = 'bench';", connection);
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Inserts the reminders and returns the due time of the earliest one (by the database
    /// clock). The far ones (30 days ahead) go in first; keys 1..due then fall due from two seconds
    /// after their own insert, evenly over the spread, so the time spent seeding the million is not
    /// counted as the dispatcher's lateness.</summary>
    private static async Task<DateTimeOffset> SeedAsync(string connectionString, int pending, int due, TimeSpan spread)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var far = new NpgsqlCommand(
            """
            INSERT INTO reminders (grain_type, grain_key, name, due_at, period_us, owner, lease_until, fence)
            SELECT 'bench', i::text, 'deadline', now() + interval '30 days', NULL, NULL, NULL, nextval('tc_fence')
            FROM generate_series($2 + 1, $1) AS i
            """,
            connection))
        {
            far.CommandTimeout = 600;
            far.Parameters.AddWithValue(pending);
            far.Parameters.AddWithValue(due);
            await far.ExecuteNonQueryAsync();
        }

        await using (var soon = new NpgsqlCommand(
            """
            WITH t AS (SELECT clock_timestamp() + interval '2 seconds' AS start)
            INSERT INTO reminders (grain_type, grain_key, name, due_at, period_us, owner, lease_until, fence)
            SELECT 'bench', i::text, 'deadline', t.start + ($2 * (i - 1) / $1) * interval '1 microsecond',
                   NULL, NULL, NULL, nextval('tc_fence')
            FROM generate_series(1, $1) AS i, t
            """,
            connection))
        {
            soon.CommandTimeout = 600;
            soon.Parameters.AddWithValue(due);
            soon.Parameters.AddWithValue((long)(spread.Ticks / TimeSpan.TicksPerMicrosecond));
            await soon.ExecuteNonQueryAsync();
        }

        await using var analyze = new NpgsqlCommand("ANALYZE reminders", connection) { CommandTimeout = 600 };
        await analyze.ExecuteNonQueryAsync();
        await using var earliest = new NpgsqlCommand("SELECT min(due_at) FROM reminders WHERE grain_type = 'bench'", connection);
        var first = (DateTime)(await earliest.ExecuteScalarAsync())!;
        return new DateTimeOffset(first, TimeSpan.Zero);
    }

    /// <summary>Lost: due reminders whose grain never counted a firing; duplicated: grains that counted more than one.</summary>
    private static async Task<(long Lost, long Duplicated)> CountEffectsAsync(string connectionString, int due)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT
              $1 - count(*) FILTER (WHERE (convert_from(state, 'UTF8')::jsonb->>'fired')::int >= 1),
              count(*) FILTER (WHERE (convert_from(state, 'UTF8')::jsonb->>'fired')::int > 1)
            FROM grain_state WHERE grain_type = 'bench'
            """,
            connection);
        command.CommandTimeout = 600;
        command.Parameters.AddWithValue((long)due);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}

/// <summary>The benchmark's grain: counts its firings in its state, as a ticket records a deadline stage
/// (after waiting <paramref name="wait"/>, when set, as for a call to another system).</summary>
internal sealed class BenchGrain(TimeSpan wait) : Grain<BenchState>, IRemindable
{
    protected override BenchState CreateInitialState() => new();

    public async Task ReceiveReminder(string reminderName, DateTimeOffset dueAt)
    {
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        State = State with { Fired = State.Fired + 1, LastDue = dueAt };
        await WriteStateAsync();
    }
}

internal sealed record BenchState(int Fired = 0, DateTimeOffset? LastDue = null);

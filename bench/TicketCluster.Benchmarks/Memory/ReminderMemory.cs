using Npgsql;
using Orleans.Configuration;
using TicketCluster.Benchmarks.Reminders;
using TicketCluster.Testing.Postgres;

namespace TicketCluster.Benchmarks.Memory;

/// <summary>
/// What registered reminders cost a silo's memory. <c>pending</c> reminder rows of the benchmark's grains are
/// copied into a database of their own with <c>COPY</c> (<see cref="ReminderRows"/>), and a silo in a child
/// process (<see cref="ReminderMemoryChild"/>) is measured after its reminder service's initial load, for
/// these placements: no rows (the silo's own baseline); every row 30 days ahead, outside the default
/// <see cref="ReminderOptions.ReminderLoadingWindow"/> (10 min); the same rows with a window of 31 days, so
/// that every one is held; and a tenth of them (by grain hash) moved to <see cref="InsideLead"/> ahead,
/// inside the default window but not due while the silo is measured.
/// </summary>
internal static class ReminderMemory
{
    /// <summary>How far ahead the rows inside the window fall due, from their move: inside the 10-minute
    /// window when the silo reads them within three minutes, and not due before it is measured.</summary>
    public static readonly TimeSpan InsideLead = TimeSpan.FromMinutes(7);

    private static readonly TimeSpan LongWindow = TimeSpan.FromDays(31);

    public sealed record Placement(string Name, int Inside, ReminderMemoryChild.Result Silo);

    public sealed record Result(int Pending, double SeedSeconds, IReadOnlyList<Placement> Placements)
    {
        /// <summary>The run of the far rows with the default window: the baseline of the held ones.</summary>
        public Placement Far => Placements[1];
    }

    public static async Task<Result> RunAsync(PostgresServer server, bool quick, Func<string[], CancellationToken, Task<string>> runChild, CancellationToken cancellationToken)
    {
        var pending = quick ? 100_000 : 1_000_000;
        var window = new ReminderOptions().ReminderLoadingWindow;
        var database = await server.CreateDatabaseAsync("reminder_memory", cancellationToken);
        var placements = new List<Placement>();

        async Task MeasureAsync(string name, int inside, TimeSpan loadingWindow)
        {
            Console.WriteLine($"  reminders: {name} ...");
            var line = await runChild(ReminderMemoryChild.Arguments(database, loadingWindow), cancellationToken);
            placements.Add(new Placement(name, inside, System.Text.Json.JsonSerializer.Deserialize<ReminderMemoryChild.Result>(line)!));
        }

        await MeasureAsync("no reminders", 0, window);
        Console.WriteLine($"  copying {pending:N0} reminder rows ...");
        var rows = new ReminderRows(database);
        var seeding = System.Diagnostics.Stopwatch.StartNew();
        await rows.SeedAsync(await rows.LearnFormatAsync(BenchSilo.RetryPeriod, cancellationToken), pending, 0, TimeSpan.Zero, TimeSpan.Zero, cancellationToken);
        var seedSeconds = seeding.Elapsed.TotalSeconds;
        await MeasureAsync("all 30 days ahead", 0, window);
        await MeasureAsync($"all 30 days ahead, window {LongWindow.TotalDays:N0} days", pending, LongWindow);
        var inside = await MoveInsideAsync(database, cancellationToken);
        await MeasureAsync($"a tenth {InsideLead.TotalMinutes:N0} min ahead, the rest 30 days", inside, window);
        return new Result(pending, seedSeconds, placements);
    }

    /// <summary>Moves the rows of one grain hash in ten to <see cref="InsideLead"/> from now; returns how many.</summary>
    private static async Task<int> MoveInsideAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "UPDATE orleansreminderstable SET starttime = @at WHERE serviceid = @service AND grainhash % 10 = 0",
            connection)
        {
            CommandTimeout = 600,
        };
        command.Parameters.AddWithValue("at", (TimeProvider.System.GetUtcNow() + InsideLead).UtcDateTime);
        command.Parameters.AddWithValue("service", BenchSilo.ServiceId);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

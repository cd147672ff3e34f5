using TicketCluster.Testing.Postgres;

namespace TicketCluster.Benchmarks.Quartz;

/// <summary>The Quartz.NET peer's runs, in a database of their own on the benchmark's server.</summary>
internal static class QuartzSuite
{
    /// <summary>Every configuration (one and three schedulers, defaults and tuned) on both shapes of
    /// <see cref="Reminders.ReminderBenchmark"/>, each run's firing capped so a slow configuration ends.</summary>
    public static async Task<List<QuartzBenchmark.Result>> RunAllAsync(PostgresServer server, int pending, int due, TimeSpan spread, bool quick)
    {
        var database = await CreateAsync(server);
        // The rate is over the window used, so a cap shorter than the drain still measures it; 60 s keeps the
        // full run's eight Quartz runs under ten minutes.
        var cap = TimeSpan.FromSeconds(quick ? 20 : 60);
        var results = new List<QuartzBenchmark.Result>();
        foreach (var config in new[] { QuartzConfig.Defaults(1), QuartzConfig.Tuned(1), QuartzConfig.Defaults(3), QuartzConfig.Tuned(3) })
        {
            Console.WriteLine($"Quartz.NET, {config.Name}, {config.Schedulers} scheduler(s): backlog of {due:N0} due among {pending:N0} pending ...");
            results.Add(await QuartzBenchmark.RunAsync(database, "backlog (all due at once)", config, pending, due, TimeSpan.Zero, cap));
            Console.WriteLine($"Quartz.NET, {config.Name}, {config.Schedulers} scheduler(s): {due:N0} due over {spread.TotalSeconds:N0} s ...");
            results.Add(await QuartzBenchmark.RunAsync(database, $"steady ({due / spread.TotalSeconds:N0}/s offered)", config, pending, due, spread, cap));
        }

        return results;
    }

    /// <summary>One configuration for quick iteration, the tuned single scheduler, on both shapes (the
    /// second run also exercises the reuse of the far triggers), each capped at 20 s.</summary>
    public static async Task<List<QuartzBenchmark.Result>> RunOneAsync(PostgresServer server, int pending, int due, TimeSpan spread)
    {
        var database = await CreateAsync(server);
        var cap = TimeSpan.FromSeconds(20);
        return
        [
            await QuartzBenchmark.RunAsync(database, "backlog (all due at once)", QuartzConfig.Tuned(1), pending, due, TimeSpan.Zero, cap),
            await QuartzBenchmark.RunAsync(database, $"steady ({due / spread.TotalSeconds:N0}/s offered)", QuartzConfig.Tuned(1), pending, due, spread, cap),
        ];
    }

    private static async Task<string> CreateAsync(PostgresServer server)
    {
        var database = await server.CreateDatabaseAsync("quartz");
        await QuartzSeed.EnsureSchemaAsync(database, CancellationToken.None);
        return database;
    }
}

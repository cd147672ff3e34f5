using Microsoft.Extensions.Configuration;
using Npgsql;
using TicketCluster.Silo.Configuration;
using TicketCluster.Storage.Migration;
using TicketCluster.Storage.Postgres.Migration;
using TicketCluster.Storage.Sqlite.Migration;

namespace TicketCluster.Silo;

/// <summary>
/// <c>migrate</c>: the data step of the upgrade from the home-made runtime (docs/orleans.md, section 13.1;
/// docs/operations.md, "Upgrading from the home-made runtime"). Applies the schema, refuses while the old
/// runtime's <c>outbox</c> holds rows (exit code 1, naming the count), renames <c>reminders</c> to
/// <c>legacy_reminders</c> for the silos' import (a second run finds it done and says so), and applies the
/// schema again, which drops the old runtime's tables once nothing is left to import.
/// </summary>
internal static class MigrateCommand
{
    public const string Usage = "usage: migrate";

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, TextWriter output, TextWriter error)
    {
        if (args is not ["migrate"])
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        var settings = SiloSettings.Load(configuration);
        await SchemaCommand.ApplyAsync(settings);
        var result = await MigrateAsync(settings);
        switch (result.Outcome)
        {
            case MigrateOutcome.OutboxNotEmpty:
                await error.WriteLineAsync(
                    $"migrate refused: the old runtime's outbox still holds {result.Tables.Outbox} rows. Drain the old cluster until " +
                    "GET /api/v1/cluster shows outboxPending: 0, stop its nodes, then run migrate again.");
                return 1;
            case MigrateOutcome.Renamed:
                await output.WriteLineAsync($"migrate: renamed reminders to legacy_reminders ({result.Tables.LegacyReminders} reminders for the silos to import).");
                break;
            default:
                await output.WriteLineAsync($"migrate: nothing to do, reminders was already renamed ({result.Tables.LegacyReminders ?? 0} legacy reminders left to import).");
                break;
        }

        await SchemaCommand.ApplyAsync(settings);
        await output.WriteLineAsync(result.Tables.Migrated
            ? "migrate: the old runtime's tables are dropped."
            : "migrate: the old runtime's tables stay until the import has emptied legacy_reminders; the next schema apply drops them.");
        return 0;
    }

    private static async Task<MigrateResult> MigrateAsync(SiloSettings settings)
    {
        if (settings.Storage.Kind != StorageKind.Postgres)
        {
            return SqliteRuntimeMigration.Migrate(settings.ConnectionString);
        }

        await using var dataSource = NpgsqlDataSource.Create(settings.ConnectionString);
        return await PostgresRuntimeMigration.MigrateAsync(dataSource, CancellationToken.None);
    }
}

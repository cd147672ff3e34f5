using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using TicketCluster.Silo.Configuration;
using TicketCluster.Storage.Postgres.State;
using TicketCluster.Storage.Providers;
using TicketCluster.Storage.Sqlite.State;

namespace TicketCluster.Silo;

/// <summary>
/// <c>schema apply</c>: applies the configured database's schema scripts not yet applied (the same runner
/// the silo's storage runs at its first lifecycle stage) and exits 0, so a deployment can migrate the
/// database before the nodes roll (docs/silo.md, "Commands").
/// </summary>
internal static class SchemaCommand
{
    public const string Usage = "usage: schema apply";

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, TextWriter output, TextWriter error)
    {
        if (args is not ["schema", "apply"])
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        var settings = SiloSettings.Load(configuration);
        await ApplyAsync(settings);

        await output.WriteLineAsync($"schema applied: {settings.Storage.Kind.ToString().ToUpperInvariant()} {(settings.Storage.Kind == StorageKind.Sqlite ? settings.ConnectionString : "(configured)")}");
        return 0;
    }

    /// <summary>Applies the configured database's schema through its grain storage, which reports a database
    /// it cannot open as a configuration error (exit code 2).</summary>
    internal static async Task ApplyAsync(SiloSettings settings)
    {
        var storage = Open(settings);
        try
        {
            await storage.EnsureSchemaAsync(CancellationToken.None);
        }
        finally
        {
            await ((IAsyncDisposable)storage).DisposeAsync();
        }
    }

    /// <summary>The configured database's grain storage, only to apply its schema (both providers are
    /// <see cref="IAsyncDisposable"/>).</summary>
    private static GrainStateStorage Open(SiloSettings settings)
    {
        if (settings.Storage.Kind == StorageKind.Postgres)
        {
            return new PostgresStateStorage(GrainStorageNames.TicketCluster, settings.ConnectionString, PostgresStateStorage.DefaultGroupCommit(), null, TimeProvider.System, NullLogger<PostgresStateStorage>.Instance);
        }

        if (settings.Storage.ConnectionString is null)
        {
            Directory.CreateDirectory(settings.DataDirectory);
        }

        return new SqliteStateStorage(GrainStorageNames.TicketCluster, settings.ConnectionString, SqliteStateStorage.DefaultGroupCommit(), null, TimeProvider.System, NullLogger<SqliteStateStorage>.Instance);
    }
}

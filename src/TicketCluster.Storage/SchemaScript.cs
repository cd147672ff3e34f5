using System.Globalization;
using System.Reflection;

namespace TicketCluster.Storage;

/// <summary>
/// One versioned schema script of a storage implementation, embedded in its assembly as
/// <c>{prefix}{version}_{name}.sql</c> (for example <c>Schema/0001_initial.sql</c>).
/// </summary>
/// <remarks>
/// A script whose first line is <see cref="MigrationGate"/> drops what the old runtime left behind: the
/// runner applies it only once the upgrade's migration is complete (<c>RuntimeTables.Migrated</c>), and
/// until then skips it without recording it, so every later run (a silo's start, <c>schema apply</c>,
/// <c>migrate</c>) asks again. A database is not behind for lacking it.
/// </remarks>
public sealed record SchemaScript(int Version, string Name, string Sql)
{
    /// <summary>The first line of a script that waits for the upgrade's migration.</summary>
    public const string MigrationGate = "-- gate: migrated";

    /// <summary>The script is applied only once the old runtime's data is migrated.</summary>
    public bool WaitsForMigration => Sql.StartsWith(MigrationGate, StringComparison.Ordinal);

    /// <summary>The newest version this build needs (gated scripts aside).</summary>
    public static int RequiredVersion(IEnumerable<SchemaScript> scripts) =>
        scripts.Where(s => !s.WaitsForMigration).Select(s => s.Version).DefaultIfEmpty(0).Max();

    /// <summary>The start-up error of a node that does not apply the schema, on a database that lacks a
    /// script this build needs; null when every one is applied (a database ahead is fine: scripts only
    /// add, and a drop ships only after every node stopped using what it drops).</summary>
    public static string? Behind(IEnumerable<SchemaScript> scripts, IReadOnlyCollection<int> applied)
    {
        ArgumentNullException.ThrowIfNull(applied);
        var needed = scripts.Where(s => !s.WaitsForMigration).ToList();
        if (needed.TrueForAll(s => applied.Contains(s.Version)))
        {
            return null;
        }

        var at = applied.DefaultIfEmpty(0).Max();
        return $"The database is at schema version {at}; this build needs {RequiredVersion(needed)}. Run \"TicketCluster.Silo schema apply\" (the silo-schema Job) first.";
    }

    /// <summary>The scripts embedded in <paramref name="assembly"/> under <paramref name="resourcePrefix"/>,
    /// in version order.</summary>
    public static List<SchemaScript> LoadEmbedded(Assembly assembly, string resourcePrefix)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentException.ThrowIfNullOrEmpty(resourcePrefix);
        var scripts = new List<SchemaScript>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(resourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            var name = resource[resourcePrefix.Length..^".sql".Length];
            var version = int.Parse(name.AsSpan(0, name.IndexOf('_', StringComparison.Ordinal)), NumberStyles.None, CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add(new SchemaScript(version, name, reader.ReadToEnd()));
        }

        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        return scripts;
    }
}

using System.Globalization;
using System.Reflection;

namespace TicketCluster.Storage;

/// <summary>
/// One versioned schema script of a storage implementation, embedded in its assembly as
/// <c>{prefix}{version}_{name}.sql</c> (for example <c>Schema/0001_initial.sql</c>).
/// </summary>
public sealed record SchemaScript(int Version, string Name, string Sql)
{
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

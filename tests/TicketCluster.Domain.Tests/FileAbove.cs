namespace TicketCluster.Domain.Tests;

/// <summary>Files the tests read from outside their build output: the repository's docs, the shared labeled set.</summary>
internal static class FileAbove
{
    /// <summary><paramref name="relativePath"/> in <paramref name="start"/> or the first folder above it that has
    /// it, or null.</summary>
    public static string? Find(DirectoryInfo start, string relativePath)
    {
        for (var dir = start; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

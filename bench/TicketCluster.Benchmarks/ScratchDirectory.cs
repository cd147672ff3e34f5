namespace TicketCluster.Benchmarks;

/// <summary>A temporary directory for a run's files (the SQLite databases), deleted with them at the end.</summary>
internal sealed class ScratchDirectory(string prefix) : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory(prefix);

    public string File(string name) => Path.Combine(_directory.FullName, name);

    public void Dispose() => _directory.Delete(recursive: true);
}

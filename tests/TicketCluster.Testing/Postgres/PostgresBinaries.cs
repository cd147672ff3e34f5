using System.Diagnostics;

namespace TicketCluster.Testing.Postgres;

/// <summary>Finds the PostgreSQL server programs and runs them, as the <c>postgres</c> user when the
/// test process runs as root (initdb and the server refuse to run as root).</summary>
public sealed class PostgresBinaries
{
    private readonly string _binDirectory;

    private PostgresBinaries(string binDirectory) => _binDirectory = binDirectory;

    public static bool IsRoot => Environment.UserName == "root";

    public static PostgresBinaries Find()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(dir, "pg_ctl")) && File.Exists(Path.Combine(dir, "initdb")))
            {
                return new PostgresBinaries(dir);
            }
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            var newest = Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault();
            if (newest is not null)
            {
                return new PostgresBinaries(newest);
            }
        }

        throw new InvalidOperationException(
            "PostgreSQL server binaries (pg_ctl, initdb) not found on PATH or in /usr/lib/postgresql/*/bin; " +
            "install Debian's postgresql package or set TICKETCLUSTER_TEST_POSTGRES to a connection string.");
    }

    /// <summary>The path of another program of the same installation (pgbench, psql). The directory found
    /// on PATH may hold only links to the server programs; then the links' own directory is searched.</summary>
    public string ProgramPath(string program)
    {
        ArgumentException.ThrowIfNullOrEmpty(program);
        var direct = Path.Combine(_binDirectory, program);
        if (File.Exists(direct))
        {
            return direct;
        }

        var target = new FileInfo(Path.Combine(_binDirectory, "pg_ctl")).ResolveLinkTarget(returnFinalTarget: true);
        if (target is FileInfo { DirectoryName: { } real } && File.Exists(Path.Combine(real, program)))
        {
            return Path.Combine(real, program);
        }

        throw new InvalidOperationException($"{program} not found beside pg_ctl in {_binDirectory}.");
    }

    /// <summary>Runs a server program and throws with its output when it fails.</summary>
    public async Task RunAsync(string program, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = CreateStartInfo(program, arguments);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }
    }

    /// <summary>The synchronous stop used when the process exits without disposing the server.</summary>
    public void RunBlocking(string program, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var start = CreateStartInfo(program, arguments);
        using var process = Process.Start(start);
        process?.WaitForExit(timeout);
    }

    private ProcessStartInfo CreateStartInfo(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        var path = Path.Combine(_binDirectory, program);
        if (IsRoot)
        {
            start.FileName = "runuser";
            foreach (var a in new[] { "-u", "postgres", "--", path })
            {
                start.ArgumentList.Add(a);
            }
        }
        else
        {
            start.FileName = path;
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        return start;
    }

    /// <summary>Gives the data directory to the postgres user when the tests run as root.</summary>
    public static async Task ChownToPostgresAsync(string directory, CancellationToken cancellationToken)
    {
        if (!IsRoot)
        {
            return;
        }

        var start = new ProcessStartInfo("chown") { UseShellExecute = false };
        foreach (var a in new[] { "-R", "postgres:postgres", directory })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start chown.");
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"chown -R postgres:postgres {directory} failed with exit code {process.ExitCode}.");
        }
    }
}

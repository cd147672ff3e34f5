using System.Diagnostics;
using System.Reflection;

namespace TicketCluster.Benchmarks.Intake;

/// <summary>
/// A program the benchmarks run as a process of its own (the silo, the load generator), built with the
/// benchmarks in the same configuration: its path is recorded in this assembly's metadata at build time.
/// Its output goes to a log file, whose tail is shown when it fails; each line can also be watched.
/// </summary>
internal sealed class ChildProgram : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ChildProgram(Process process, StreamWriter log, string logPath)
    {
        _process = process;
        _log = log;
        LogPath = logPath;
    }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string LogPath { get; }

    /// <summary>The path of the program built beside the benchmarks under <paramref name="metadataKey"/>.</summary>
    public static string PathOf(string metadataKey)
    {
        var path = typeof(ChildProgram).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == metadataKey).Value!;
        return File.Exists(path)
            ? Path.GetFullPath(path)
            : throw new FileNotFoundException($"{Path.GetFileName(path)} is not built: build bench/TicketCluster.Benchmarks, which builds it.", path);
    }

    /// <summary>Starts <c>dotnet <paramref name="dll"/> <paramref name="arguments"/></c>.</summary>
    public static ChildProgram Start(string dll, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string logPath, Action<string>? onLine = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(logPath)!,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");
        void Line(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (log)
            {
                try
                {
                    log.WriteLine(line);
                }
                catch (ObjectDisposedException)
                {
                    // A last line after the program was disposed.
                }
            }

            onLine?.Invoke(line);
        }

        process.OutputDataReceived += (_, e) => Line(e.Data);
        process.ErrorDataReceived += (_, e) => Line(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildProgram(process, log, logPath);
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    public string LogTail()
    {
        lock (_log)
        {
            _log.Flush();
        }

        using var reader = new StreamReader(new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return string.Join('\n', lines.TakeLast(40));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }
}

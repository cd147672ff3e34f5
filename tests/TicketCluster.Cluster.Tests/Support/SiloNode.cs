using System.Diagnostics;
using System.Net;
using TicketCluster.Testing;

namespace TicketCluster.Cluster.Tests.Support;

/// <summary>
/// One silo as a real OS process (<c>dotnet TicketCluster.Silo.dll</c>) on free ports (HTTP on loopback, and its
/// own Orleans silo and gateway ports), configured through environment variables exactly as a deployment
/// configures it. It can be stopped gracefully
/// (SIGTERM), killed (SIGKILL), paused (SIGSTOP) and resumed (SIGCONT). Its output goes to a log file
/// that failing tests print.
/// </summary>
public sealed class SiloNode : IAsyncDisposable
{
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly IReadOnlyDictionary<string, string> _environment;
    private Process? _process;

    public SiloNode(string nodeId, IReadOnlyDictionary<string, string> environment, string logDirectory)
    {
        NodeId = nodeId;
        _environment = environment;
        var ports = LoopbackPorts.Free(3);
        (Port, SiloPort, GatewayPort) = (ports[0], ports[1], ports[2]);
        LogPath = Path.Combine(logDirectory, nodeId + ".log");
    }

    public string NodeId { get; }

    public int Port { get; }

    /// <summary>The Orleans silo-to-silo port (<c>TicketCluster:Orleans:SiloPort</c>); it names the node in
    /// Orleans' membership, whose silo addresses carry it.</summary>
    public int SiloPort { get; }

    /// <summary>The Orleans gateway port (<c>TicketCluster:Orleans:GatewayPort</c>).</summary>
    public int GatewayPort { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public string LogPath { get; }

    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    public bool IsRunning => _process is { HasExited: false };

    public static string ProgramPath => Path.Combine(AppContext.BaseDirectory, "TicketCluster.Silo.dll");

    /// <summary>Starts the process and waits until it reports ready.</summary>
    public async Task StartAsync(TimeSpan timeout)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{NodeId} is already running.");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(LogPath)!,
        };
        start.ArgumentList.Add(ProgramPath);
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString();
        start.Environment["TICKETCLUSTER__ORLEANS__SILOPORT"] = SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["TICKETCLUSTER__ORLEANS__GATEWAYPORT"] = GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // As the test projects run (Directory.Build.props): a node that lives for seconds does better without
        // the runtime's profile-guided recompilation. For the same reason a method is recompiled optimized
        // after 10,000 calls rather than the runtime's default of 30: the background recompilation of the methods
        // a node's first requests call took about a third of the machine while a test drove a few requests a
        // second (`perf record -a`, the rolling restart: 58-61 CPU-s with the default, 40-41 with this), and
        // the cluster tests as a whole used 350-402 CPU-s against 396-416 with the default.
        start.Environment["DOTNET_TieredPGO"] = "0";
        start.Environment["DOTNET_TC_CallCountThreshold"] = "10000";
        start.Environment["Logging__LogLevel__TicketCluster"] = "Information";

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");
        var log = new StreamWriter(LogPath, append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitReadyAsync(timeout);
    }

    /// <summary>Waits for <c>/health/ready</c> to answer 200, or fails with the node's log.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process is null || _process.HasExited)
            {
                throw new InvalidOperationException($"{NodeId} exited with {_process?.ExitCode}:\n{Log()}");
            }

            try
            {
                using var response = await Probe.GetAsync(new Uri(BaseAddress, "/health/ready"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Paused or busy: try again until the deadline.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{NodeId} was not ready within {timeout}:\n{Log()}");
    }

    /// <summary>SIGKILL: no drain, no goodbye; the others declare the silo dead when it misses their probes.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>SIGTERM: the graceful path a Kubernetes rollout takes. Waits for the exit.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        Signal("TERM", process.Id);
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{NodeId} did not stop within {timeout}:\n{Log()}");
        }
    }

    /// <summary>Waits for the process to end by itself, or fails with its log.</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process!.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{NodeId} did not exit within {timeout}:\n{Log()}");
        }
    }

    public int ExitCode => _process?.ExitCode ?? throw new InvalidOperationException("never started");

    /// <summary>SIGSTOP: the process freezes mid-work (a long GC pause, a stalled VM).</summary>
    public void Pause() => Signal("STOP", _process!.Id);

    /// <summary>SIGCONT: the frozen process carries on as if nothing happened.</summary>
    public void Resume() => Signal("CONT", _process!.Id);

    public string Log() => File.Exists(LogPath) ? string.Join('\n', File.ReadLines(LogPath).TakeLast(60)) : "(no log)";

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            Signal("CONT", _process.Id);
        }

        await KillAsync();
        _process?.Dispose();
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    private static void Signal(string signal, int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false })!;
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {pid} failed with {kill.ExitCode}.");
        }
    }
}

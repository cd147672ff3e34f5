using System.Diagnostics;
using System.Net;
using TicketCluster.Testing;

namespace TicketCluster.Benchmarks.Intake;

/// <summary>
/// The real silo (<c>dotnet TicketCluster.Silo.dll</c>, as users run it) on a free loopback port against a
/// PostgreSQL database, configured through environment variables as a deployment configures it
/// (docs/silo.md); every other setting is the default.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private readonly ChildProgram _program;

    private SiloProcess(ChildProgram program, Uri baseAddress)
    {
        _program = program;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _program.ProcessId;

    /// <summary>Starts the silo and waits until <c>/health/ready</c> answers 200.</summary>
    public static async Task<SiloProcess> StartAsync(string connectionString, string signingKey, string directory, CancellationToken cancellationToken)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}");
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = baseAddress.ToString(),
            ["TICKETCLUSTER__STORAGE__KIND"] = "postgres",
            ["TICKETCLUSTER__STORAGE__CONNECTIONSTRING"] = connectionString,
            ["TICKETCLUSTER__AUTH__SIGNINGKEY"] = signingKey,
            ["TICKETCLUSTER__DATADIRECTORY"] = directory,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var program = ChildProgram.Start(ChildProgram.PathOf("SiloProgram"), [], environment, Path.Combine(directory, "silo.log"));
        var silo = new SiloProcess(program, baseAddress);
        try
        {
            await silo.WaitReadyAsync(TimeSpan.FromSeconds(60), cancellationToken);
            return silo;
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    public string LogTail() => _program.LogTail();

    public ValueTask DisposeAsync() => _program.DisposeAsync();

    private async Task WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < timeout)
        {
            if (_program.HasExited)
            {
                throw new InvalidOperationException($"The silo exited with {_program.ExitCode}:\n{_program.LogTail()}");
            }

            try
            {
                using var response = await probe.GetAsync(new Uri(BaseAddress, "/health/ready"), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Busy starting: try again until the deadline.
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"The silo was not ready within {timeout}:\n{_program.LogTail()}");
    }
}

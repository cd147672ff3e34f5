using System.Diagnostics;

namespace TicketCluster.Silo.Tests.Support;

/// <summary>Runs the real silo program (the published entry point beside the tests) as a child process.</summary>
public static class SiloProcess
{
    public static string ProgramPath => Path.Combine(AppContext.BaseDirectory, "TicketCluster.Silo.dll");

    /// <summary>Runs the program to completion with <paramref name="environment"/> and returns its exit code
    /// and output. Bounded: a program that does not end within <paramref name="timeout"/> is killed.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        IReadOnlyList<string> args,
        IReadOnlyDictionary<string, string> environment,
        string workingDirectory,
        TimeSpan timeout)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ProgramPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // As the test projects run (Directory.Build.props): a program that lives for seconds does better
        // without the runtime's profile-guided recompilation.
        start.Environment["DOTNET_TieredPGO"] = "0";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The silo did not exit within {timeout}.");
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>Runs the node on the PostgreSQL database <paramref name="connectionString"/> with the test
    /// signing key, any port, and <paramref name="environment"/> besides, until it ends (a start-up error).</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunPostgresNodeAsync(
        string connectionString,
        string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var variables = new Dictionary<string, string>(environment ?? new Dictionary<string, string>())
        {
            ["TICKETCLUSTER__STORAGE__KIND"] = "postgres",
            ["TICKETCLUSTER__STORAGE__CONNECTIONSTRING"] = connectionString,
            ["TICKETCLUSTER__AUTH__SIGNINGKEY"] = TestSilo.SigningKey,
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        };
        return RunAsync([], variables, workingDirectory, TimeSpan.FromSeconds(90));
    }
}

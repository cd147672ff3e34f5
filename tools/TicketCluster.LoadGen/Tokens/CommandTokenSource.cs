using System.Collections.Concurrent;
using System.Diagnostics;
using TicketCluster.LoadGen.Lifecycle;

namespace TicketCluster.LoadGen.Tokens;

/// <summary>
/// Gets tokens from the silo's <c>token</c> command, run as a process: <paramref name="command"/> is the
/// program and its leading arguments (e.g. <c>dotnet /app/TicketCluster.Silo.dll token</c>), to which
/// <c>--role</c>, <c>--subject</c> and, for a merchant, <c>--merchant</c> are added. The token is the last
/// non-empty line the command prints. One run per role and merchant, of at most <see cref="Timeout"/>.
/// </summary>
public sealed class CommandTokenSource(string command) : ITokenSource
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<(LoadRole, string?), Lazy<Task<string>>> _tokens = new();

    public Task<string> GetAsync(LoadRole role, string? merchantId, CancellationToken cancellationToken) =>
        _tokens.GetOrAdd((role, merchantId), key => new Lazy<Task<string>>(() => RunAsync(key.Item1, key.Item2, cancellationToken))).Value;

    private async Task<string> RunAsync(LoadRole role, string? merchantId, CancellationToken callerToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
        limit.CancelAfter(Timeout);
        var cancellationToken = limit.Token;
        var parts = command.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            throw new InvalidOperationException("The token command is empty.");
        }

        var start = new ProcessStartInfo(parts[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in parts.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--role");
        start.ArgumentList.Add(RoleNames.Of(role));
        start.ArgumentList.Add("--subject");
        start.ArgumentList.Add(RoleNames.Subject(role, merchantId));
        if (role == LoadRole.Merchant)
        {
            start.ArgumentList.Add("--merchant");
            start.ArgumentList.Add(merchantId ?? throw new ArgumentNullException(nameof(merchantId)));
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{parts[0]}'.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The token command exited with {process.ExitCode}: {(await error.ConfigureAwait(false)).Trim()}");
        }

        return (await output.ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault()
            ?? throw new InvalidOperationException("The token command printed nothing.");
    }
}

namespace TicketCluster.WebConsole.Session;

/// <summary>
/// Mints the bearer token of a development sign-in. The node provides it with its own token code (the code
/// of its <c>token</c> command), so a console session's token is exactly one the node accepts.
/// </summary>
public interface IConsoleTokenIssuer
{
    /// <summary>How long a minted token, and so the session cookie, lives.</summary>
    TimeSpan Lifetime { get; }

    /// <summary>A token for <paramref name="role"/> (an API role name such as <c>agent</c>) and
    /// <paramref name="subject"/>, bound to <paramref name="merchantId"/> for the merchant role.</summary>
    string Issue(string role, string subject, string? merchantId);
}

namespace TicketCluster.WebConsole;

/// <summary>The console's addresses.</summary>
public static class ConsoleRoutes
{
    public const string Root = "/console";
    public const string SignIn = "/console/sign-in";
    public const string SignOut = "/console/sign-out";
    public const string Queue = "/console/queue";
    public const string Merchant = "/console/merchant";
    public const string Approvals = "/console/approvals";
    public const string Escalations = "/console/escalations";
    public const string Dashboard = "/console/dashboard";
    public const string Cluster = "/console/cluster";
    public const string Language = "/console/language";
    public const string Refused = "/console/refused";
    public const string SignedOut = "/console/signed-out";

    public static string Ticket(string id) => "/console/tickets/" + Uri.EscapeDataString(id);

    /// <summary>Whether <paramref name="url"/> is a path of this site to return to after signing in (not
    /// another site's, not the sign-in itself).</summary>
    public static bool IsReturnPath(string? url) =>
        url is { Length: > 1 } && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith(SignIn, StringComparison.Ordinal);

    /// <summary>Where a user lands after signing in.</summary>
    public static string Home(string role) => role == Session.ConsoleUser.Merchant ? Merchant : Queue;
}

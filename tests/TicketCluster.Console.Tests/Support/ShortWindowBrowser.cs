namespace TicketCluster.WebConsole.Tests.Support;

/// <summary>A node whose normal first-response window is fifteen seconds, so a countdown passes its warning
/// point and its deadline while the queue is open.</summary>
public sealed class ShortWindowBrowser : ConsoleBrowser
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["TicketCluster:Sla:FirstResponseNormal"] = "00:00:15",
    };
}

namespace TicketCluster.WebConsole.Session;

/// <summary>The development sign-in's token minting, when the node can mint tokens at all.</summary>
public sealed class ConsoleSignIn(IConsoleTokenIssuer? tokens)
{
    public IConsoleTokenIssuer? Tokens { get; } = tokens;
}

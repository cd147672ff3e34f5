using Microsoft.Extensions.Logging;

namespace TicketCluster.Silo.Auth;

/// <summary>Log lines of authentication, event ids 3100–3199. They never carry a token or a key.</summary>
internal static partial class AuthLog
{
    [LoggerMessage(3101, LogLevel.Warning, "Tokens are signed with the development key in {KeyFile}: anyone who reads the data directory can sign tokens of every role. Configure TicketCluster:Auth:SigningKey or TicketCluster:Auth:Authority outside development")]
    public static partial void SigningWithDevelopmentKey(ILogger logger, string keyFile);
}

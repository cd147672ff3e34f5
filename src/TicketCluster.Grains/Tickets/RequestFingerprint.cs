using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TicketCluster.Domain.Tickets;

namespace TicketCluster.Grains.Tickets;

/// <summary>
/// The fingerprint of a request sent under an idempotency key: the SHA-256, in hexadecimal, of what the
/// request asks for as JSON. Two requests with the same fields have the same fingerprint however their
/// bodies were spaced or ordered, so a retry matches its first attempt and a different request under the
/// same key does not.
/// </summary>
public static class RequestFingerprint
{
    public static string Of(IntakeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Hash(JsonSerializer.SerializeToUtf8Bytes(request));
    }

    /// <summary>A command as sent through the route <paramref name="name"/> (the name is part of it: the
    /// same key on another command is another request).</summary>
    public static string Of(string name, TicketCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var body = JsonSerializer.SerializeToUtf8Bytes(command, command.GetType());
        return Hash([.. Encoding.UTF8.GetBytes(name + "\n"), .. body]);
    }

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TicketCluster.Silo.Webhooks;

/// <summary>
/// The signature of a webhook request: <c>sha256=</c> and the lower-case hex HMAC-SHA256, keyed with the
/// subscription's secret, of <c>{timestamp}.{body}</c>, where the timestamp is the
/// <see cref="TimestampHeader"/> value (Unix seconds) and the body the exact bytes sent. Signing the
/// timestamp lets a receiver refuse replays of an old request.
/// </summary>
public static class WebhookSignature
{
    public const string TimestampHeader = "X-TicketCluster-Timestamp";
    public const string SignatureHeader = "X-TicketCluster-Signature";
    public const string EventIdHeader = "X-TicketCluster-Event-Id";
    public const string EventTypeHeader = "X-TicketCluster-Event-Type";
    public const string Prefix = "sha256=";

    public static string Compute(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var stamp = Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[stamp.Length + body.Length];
        stamp.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(stamp.Length));
        return Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <summary>What a receiver does: recomputes the signature and compares in constant time.</summary>
    public static bool Verify(string secret, string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        if (signature is null || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Compute(secret, seconds, body)), Encoding.ASCII.GetBytes(signature));
    }
}

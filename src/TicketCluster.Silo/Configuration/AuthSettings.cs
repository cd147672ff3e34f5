namespace TicketCluster.Silo.Configuration;

/// <summary>
/// How bearer tokens are checked. Either a shared HMAC <see cref="SigningKey"/> (the gateways and the
/// <c>token</c> command sign with it) or an OpenID Connect <see cref="Authority"/> whose published keys
/// sign the tokens. With neither, a node on the embedded SQLite default makes a development key under
/// its data directory; a PostgreSQL cluster must be told one.
/// </summary>
public sealed class AuthSettings
{
    /// <summary>At least 32 bytes, as base64 (or as plain text of at least 32 characters).</summary>
    public string? SigningKey { get; init; }

    public string Issuer { get; init; } = "ticketcluster";

    public string Audience { get; init; } = "ticketcluster-api";

    /// <summary>An OpenID Connect authority (https; http only on a loopback host, a developer's provider) whose
    /// signing keys are trusted instead of a shared key.</summary>
    public string? Authority { get; init; }

    /// <summary>Lifetime of tokens the <c>token</c> command issues. Default 12 hours.</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(12);

    /// <summary>The longest lifetime a token may have (<c>exp</c> minus <c>iat</c>, else minus <c>nbf</c>,
    /// else minus now); a longer one is refused with 401, and the <c>token</c> command issues none longer.
    /// Default 24 hours.</summary>
    public TimeSpan MaxTokenLifetime { get; init; } = TimeSpan.FromHours(24);

    /// <summary>An absolute https URL, or http on a loopback host (where no token crosses a network).</summary>
    public static bool IsAuthority(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && LoopbackHosts.Contains(uri)));

    internal IEnumerable<string> Validate(string prefix, StorageKind storage)
    {
        if (SigningKey is not null && SigningKeys.Decode(SigningKey) is null)
        {
            yield return $"{prefix}:{nameof(SigningKey)} must be at least 32 bytes (base64) or 32 characters.";
        }

        if (Authority is not null && !IsAuthority(Authority))
        {
            yield return $"{prefix}:{nameof(Authority)} must be an absolute https URL (http only on a loopback host).";
        }

        if (storage == StorageKind.Postgres && SigningKey is null && Authority is null)
        {
            yield return $"{prefix}:{nameof(SigningKey)} or {prefix}:{nameof(Authority)} is required on PostgreSQL (the development key is for the embedded default only).";
        }

        if (string.IsNullOrWhiteSpace(Issuer))
        {
            yield return $"{prefix}:{nameof(Issuer)} must not be empty.";
        }

        if (string.IsNullOrWhiteSpace(Audience))
        {
            yield return $"{prefix}:{nameof(Audience)} must not be empty.";
        }

        if (TokenLifetime <= TimeSpan.Zero)
        {
            yield return $"{prefix}:{nameof(TokenLifetime)} must be positive.";
        }

        if (MaxTokenLifetime <= TimeSpan.Zero || MaxTokenLifetime > TimeSpan.FromDays(30))
        {
            yield return $"{prefix}:{nameof(MaxTokenLifetime)} must be positive and at most 30 days.";
        }
        else if (TokenLifetime > MaxTokenLifetime)
        {
            yield return $"{prefix}:{nameof(TokenLifetime)} must not exceed {prefix}:{nameof(MaxTokenLifetime)} ({MaxTokenLifetime}).";
        }
    }
}

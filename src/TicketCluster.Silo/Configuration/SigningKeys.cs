using System.Security.Cryptography;
using System.Text;

namespace TicketCluster.Silo.Configuration;

/// <summary>The HMAC key tokens are signed with: configured, or the development key of the data directory.</summary>
public static class SigningKeys
{
    public const string DevelopmentKeyFile = "development-signing-key";

    /// <summary>The key bytes of a configured value (base64 of at least 32 bytes, or text of at least 32
    /// characters); null when too short.</summary>
    public static byte[]? Decode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var buffer = new byte[value.Length];
        if (Convert.TryFromBase64String(value, buffer, out var written) && written >= 32)
        {
            return buffer[..written];
        }

        return value.Length >= 32 ? Encoding.UTF8.GetBytes(value) : null;
    }

    /// <summary>
    /// The key in effect. Without a configured key, the embedded default keeps one in
    /// <c>DataDirectory/development-signing-key</c>, made on first use, so that the <c>token</c> command and
    /// the node agree without any configuration. Null when tokens come from an authority.
    /// </summary>
    public static byte[]? Resolve(SiloSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Auth.SigningKey is { } configured)
        {
            return Decode(configured);
        }

        if (settings.Auth.Authority is not null)
        {
            return null;
        }

        var path = Path.Combine(settings.DataDirectory, DevelopmentKeyFile);
        if (File.Exists(path))
        {
            return Decode(File.ReadAllText(path).Trim())
                ?? throw new SiloConfigurationException($"{path} does not hold a usable key; delete it to make a new one.");
        }

        Directory.CreateDirectory(settings.DataDirectory);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        try
        {
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            file.Write(Encoding.ASCII.GetBytes(key));
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process (the node and the token command started together) made it first: use theirs.
            return Resolve(settings);
        }

        return Decode(key);
    }
}

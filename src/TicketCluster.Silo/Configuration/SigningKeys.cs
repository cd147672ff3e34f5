using System.Security.Cryptography;
using System.Text;

namespace TicketCluster.Silo.Configuration;

/// <summary>
/// The HMAC key tokens are signed with: configured, or the development key of the data directory. The
/// development key is for a newcomer's machine: its file is readable by its owner only (mode 0600), the
/// node warns at start-up while it signs with it, and a node outside the Development environment (in
/// Production above all) refuses to start with it.
/// </summary>
public static class SigningKeys
{
    public const string DevelopmentKeyFile = "development-signing-key";

    /// <summary>Whether the node would sign with the development key: neither a key nor an authority is
    /// configured.</summary>
    public static bool UsesDevelopmentKey(SiloSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Auth.SigningKey is null && settings.Auth.Authority is null;
    }

    /// <summary>Refuses the development key outside the Development environment: in Production (ASP.NET
    /// Core's default when <c>ASPNETCORE_ENVIRONMENT</c> is not set), Staging, or an environment of any
    /// other name, anyone who reads the data directory could sign tokens of every role.</summary>
    /// <exception cref="SiloConfigurationException">The development key outside Development.</exception>
    public static void CheckEnvironment(SiloSettings settings, string environmentName)
    {
        if (UsesDevelopmentKey(settings) && !string.Equals(environmentName, "Development", StringComparison.OrdinalIgnoreCase))
        {
            throw new SiloConfigurationException(
                $"{SiloSettings.Section}:Auth:SigningKey (or {SiloSettings.Section}:Auth:Authority) is required outside the Development environment "
                + $"(this node runs in '{environmentName}'): the development signing key is for development only. Configure a key, or set "
                + "ASPNETCORE_ENVIRONMENT=Development on a development machine.");
        }
    }

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
            // Readable by its owner only: the key signs tokens of every role.
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var file = new FileStream(path, options);
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

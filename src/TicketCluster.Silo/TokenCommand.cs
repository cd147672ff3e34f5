using Microsoft.Extensions.Configuration;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Configuration;

namespace TicketCluster.Silo;

/// <summary>
/// <c>token --role R --subject S [--merchant M] [--customer C] [--lifetime 12:00:00]</c>: prints a token
/// signed with the key the node checks (the configured one, or the development key of the data
/// directory), so a newcomer can call the API at once.
/// </summary>
internal static class TokenCommand
{
    public const string Usage =
        "usage: token --role <channel|customer|agent|supervisor|merchant|warehouse|finance|admin> --subject <id> " +
        "[--merchant <merchant id>] [--customer <customer id>] [--lifetime <hh:mm:ss>]";

    public static int Run(string[] args, IConfiguration configuration, TextWriter output, TextWriter error)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                error.WriteLine(Usage);
                return 2;
            }

            options[args[i][2..]] = args[++i];
        }

        if (options.Keys.Except(["role", "subject", "merchant", "customer", "lifetime"]).FirstOrDefault() is { } unknown)
        {
            error.WriteLine($"unknown option --{unknown}");
            error.WriteLine(Usage);
            return 2;
        }

        if (!options.TryGetValue("role", out var roleName) || !Caller.TryParseRole(roleName, out var role))
        {
            error.WriteLine("--role must be one of channel, customer, agent, supervisor, merchant, warehouse, finance, admin");
            return 2;
        }

        var merchant = options.GetValueOrDefault("merchant");
        var customer = options.GetValueOrDefault("customer");
        if ((role == ApiRole.Merchant && merchant is null) || (role == ApiRole.Customer && customer is null))
        {
            error.WriteLine($"--role {roleName} needs --{roleName} <id>: the token is bound to it");
            return 2;
        }

        var settings = SiloSettings.Load(configuration);
        var lifetime = settings.Auth.TokenLifetime;
        if (options.TryGetValue("lifetime", out var text) && (!TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out lifetime) || lifetime <= TimeSpan.Zero))
        {
            error.WriteLine("--lifetime must be a positive time span such as 12:00:00");
            return 2;
        }

        if (lifetime > settings.Auth.MaxTokenLifetime)
        {
            error.WriteLine($"--lifetime must not exceed {SiloSettings.Section}:Auth:MaxTokenLifetime ({settings.Auth.MaxTokenLifetime}): the node refuses longer tokens");
            return 2;
        }

        var subject = options.GetValueOrDefault("subject") ?? merchant ?? customer;
        if (string.IsNullOrWhiteSpace(subject))
        {
            error.WriteLine("--subject is required");
            return 2;
        }

        var issuer = TokenIssuer.For(settings, TimeProvider.System);
        output.WriteLine(issuer.Issue(role, subject, role == ApiRole.Merchant ? merchant : null, role == ApiRole.Customer ? customer : null, lifetime));
        return 0;
    }
}

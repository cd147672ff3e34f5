using System.Net;
using Microsoft.Extensions.Configuration;
using TicketCluster.Silo.Configuration;
using TicketCluster.Silo.Webhooks;

namespace TicketCluster.Silo.Tests.Webhooks;

public sealed class WebhookSettingsTests
{
    private const string Prefix = "TicketCluster:Webhooks";

    private static WebhookSettings Load(Dictionary<string, string?> values) =>
        WebhookSettingsBinder.Load(new ConfigurationBuilder().AddInMemoryCollection(values).Build());

    private static SiloConfigurationException Refused(Dictionary<string, string?> values) =>
        Assert.Throws<SiloConfigurationException>(() => Load(values));

    [Fact]
    public void Load_NoSection_DefaultsWithoutSubscriptions()
    {
        var settings = Load([]);

        Assert.Empty(settings.Subscriptions);
        Assert.False(settings.AllowLoopback);
        Assert.False(settings.AllowPrivateAddresses);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.Timeout);
        Assert.Equal(3, settings.Retry.MaxRetryAttempts);
    }

    [Fact]
    public void Load_ValidSubscriptions_Bound()
    {
        var settings = Load(new()
        {
            [$"{Prefix}:Subscriptions:0:Id"] = "crm",
            [$"{Prefix}:Subscriptions:0:Url"] = "https://hooks.example.com/tickets?team=7",
            [$"{Prefix}:Subscriptions:0:Secret"] = "0123456789abcdef",
            [$"{Prefix}:Subscriptions:0:EventTypes:0"] = "opened",
            [$"{Prefix}:Subscriptions:0:EventTypes:1"] = "escalated",
            [$"{Prefix}:Subscriptions:1:Id"] = "bi",
            [$"{Prefix}:Subscriptions:1:Url"] = "http://10.0.0.5:8080/in",
            [$"{Prefix}:Subscriptions:1:Secret"] = "fedcba9876543210",
            [$"{Prefix}:AllowPrivateAddresses"] = "true",
            [$"{Prefix}:AllowedNetworks:0"] = "169.254.10.0/24",
            [$"{Prefix}:Timeout"] = "00:00:05",
            [$"{Prefix}:Retry:MaxRetryAttempts"] = "2",
        });

        Assert.Equal(["crm", "bi"], settings.Subscriptions.Select(s => s.Id));
        Assert.Equal(["opened", "escalated"], settings.Subscriptions[0].EventTypes.AsEnumerable());
        Assert.Empty(settings.Subscriptions[1].EventTypes);
        Assert.Equal(new Uri("https://hooks.example.com/tickets?team=7"), settings.Subscriptions[0].Url);
        Assert.True(settings.AllowPrivateAddresses);
        Assert.Equal([IPNetwork.Parse("169.254.10.0/24")], settings.AllowedNetworks.AsEnumerable());
        Assert.Equal(TimeSpan.FromSeconds(5), settings.Timeout);
        Assert.Equal(2, settings.Retry.MaxRetryAttempts);
    }

    [Fact]
    public void Load_BadValues_EveryErrorNamesItsKey()
    {
        var error = Refused(new()
        {
            [$"{Prefix}:Subscriptions:0:Id"] = "crm",
            [$"{Prefix}:Subscriptions:0:Url"] = "ftp://hooks.example.com/x",
            [$"{Prefix}:Subscriptions:0:Secret"] = "short-secret",
            [$"{Prefix}:Subscriptions:0:EventTypes:0"] = "ticket-exploded",
            [$"{Prefix}:Subscriptions:1:Id"] = "crm",
            [$"{Prefix}:Subscriptions:1:Url"] = "https://hooks.example.com/y",
            [$"{Prefix}:Subscriptions:1:Secret"] = "0123456789abcdef",
            [$"{Prefix}:Subscriptions:2:Id"] = "a/b",
            [$"{Prefix}:Subscriptions:2:Url"] = "/relative",
            [$"{Prefix}:Subscriptions:2:Secret"] = "0123456789abcdef",
            [$"{Prefix}:AllowedNetworks:0"] = "not-a-network",
            [$"{Prefix}:Timeout"] = "soon",
            [$"{Prefix}:Retry:MaxDelay"] = "00:00:00.001",
        });

        Assert.Contains(error.Errors, e => e.StartsWith($"{Prefix}:Subscriptions:0:Url:", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith($"{Prefix}:Subscriptions:0:Secret must be at least 16", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith($"{Prefix}:Subscriptions:0:EventTypes:0: 'ticket-exploded'", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith($"{Prefix}:Subscriptions:1:Id: 'crm' is used by another", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith($"{Prefix}:Subscriptions:2:Id:", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith($"{Prefix}:Subscriptions:2:Url:", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith($"{Prefix}:AllowedNetworks:0:", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith($"{Prefix}:Timeout:", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith($"{Prefix}:Retry:MaxDelay must be at least", StringComparison.Ordinal));
        Assert.DoesNotContain("short-secret", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9000/hook", "AllowLoopback")]
    [InlineData("http://localhost:9000/hook", "AllowLoopback")]
    [InlineData("http://[::1]:9000/hook", "AllowLoopback")]
    [InlineData("http://169.254.169.254/latest/meta-data", "AllowedNetworks")]
    [InlineData("http://192.168.1.10/hook", "AllowPrivateAddresses")]
    public void Load_UrlOnRefusedLiteralAddress_RefusedNamingTheAllowance(string url, string allowance)
    {
        var error = Refused(new()
        {
            [$"{Prefix}:Subscriptions:0:Id"] = "crm",
            [$"{Prefix}:Subscriptions:0:Url"] = url,
            [$"{Prefix}:Subscriptions:0:Secret"] = "0123456789abcdef",
        });

        var message = Assert.Single(error.Errors);
        Assert.StartsWith($"{Prefix}:Subscriptions:0:Url:", message, StringComparison.Ordinal);
        Assert.EndsWith($"{Prefix}:{allowance}.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_LoopbackAllowed_Accepted()
    {
        var settings = Load(new()
        {
            [$"{Prefix}:Subscriptions:0:Id"] = "dev",
            [$"{Prefix}:Subscriptions:0:Url"] = "http://127.0.0.1:9000/hook",
            [$"{Prefix}:Subscriptions:0:Secret"] = "0123456789abcdef",
            [$"{Prefix}:AllowLoopback"] = "true",
        });

        Assert.Equal("dev", Assert.Single(settings.Subscriptions).Id);
    }
}

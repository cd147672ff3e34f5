using TicketCluster.Domain;
using TicketCluster.Silo.Configuration;

namespace TicketCluster.Silo.Tests.Hosting;

/// <summary>TicketCluster:ExchangeRates: the reporting currency and its dated rates, bound, and refused naming
/// the key (a node started with them exits 2: <see cref="ConfigurationTests"/>).</summary>
public sealed class ExchangeRateConfigurationTests
{
    private static readonly Dictionary<string, string?> Rates = new()
    {
        ["TicketCluster:ExchangeRates:ReportingCurrency"] = "CNY",
        ["TicketCluster:ExchangeRates:Rates:USD:2026-11-01"] = "7.10",
        ["TicketCluster:ExchangeRates:Rates:USD:2026-12-01"] = "7.20",
    };

    [Fact]
    public void Load_Rates_BoundByEffectiveDate()
    {
        var table = SiloSettings.Load(ConfigurationTests.Configuration(Rates)).ExchangeRates!;

        Assert.Equal("CNY", table.ReportingCurrency);
        Assert.Equal(72m, table.Convert(new Money(10, "USD"), new DateOnly(2026, 12, 24)));
    }

    [Fact]
    public void Load_NoReportingCurrency_NoTable()
    {
        Assert.Null(SiloSettings.Load(ConfigurationTests.Configuration([])).ExchangeRates);
    }

    [Theory]
    [InlineData("TicketCluster:ExchangeRates:ReportingCurrency", "XXQ", "TicketCluster:ExchangeRates:ReportingCurrency")]
    [InlineData("TicketCluster:ExchangeRates:Rates:USD:2026-12-01", "-1", "TicketCluster:ExchangeRates:Rates:USD:2026-12-01")]
    [InlineData("TicketCluster:ExchangeRates:Rates:USD:2026-12-01", "seven", "TicketCluster:ExchangeRates:Rates:USD:2026-12-01")]
    [InlineData("TicketCluster:ExchangeRates:Rates:USD:01.12.2026", "7.2", "TicketCluster:ExchangeRates:Rates:USD:01.12.2026")]
    [InlineData("TicketCluster:ExchangeRates:Rates:ZZZ:2026-12-01", "7.2", "TicketCluster:ExchangeRates:Rates:ZZZ")]
    public void Load_InvalidRate_NamesTheKey(string key, string value, string named)
    {
        var values = new Dictionary<string, string?>(Rates) { [key] = value };

        var exception = Assert.Throws<SiloConfigurationException>(() => SiloSettings.Load(ConfigurationTests.Configuration(values)));

        Assert.Contains(exception.Errors, e => e.StartsWith(named, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_RatesWithoutReportingCurrency_NamesTheKey()
    {
        var values = new Dictionary<string, string?> { ["TicketCluster:ExchangeRates:Rates:USD:2026-12-01"] = "7.2" };

        var exception = Assert.Throws<SiloConfigurationException>(() => SiloSettings.Load(ConfigurationTests.Configuration(values)));

        Assert.Contains(exception.Errors, e => e.StartsWith("TicketCluster:ExchangeRates:ReportingCurrency", StringComparison.Ordinal));
    }
}

using System.Net;
using System.Text.Json;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Security;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.Silo.Tests.Api;

/// <summary>The merchant cost report in the reporting currency, over real HTTP on a node configured with dated
/// exchange rates: a line whose date has a rate is converted, one whose date has none is listed unconverted.</summary>
public sealed class MerchantCostReportingApiTests : IAsyncLifetime
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await TestSilo.StartSqliteAsync(new Dictionary<string, string?>
    {
        ["TicketCluster:ExchangeRates:ReportingCurrency"] = "USD",
        ["TicketCluster:ExchangeRates:Rates:CNY:2000-01-01"] = "0.14",
        ["TicketCluster:ExchangeRates:Rates:EUR:" + Today.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)] = "1.08",
    });

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task MerchantCosts_RatedAndUnratedLines_ConvertedOrListedUnconverted()
    {
        await SecurityProbe.RefundedAsync(_silo, "o-fx-1", "m-1", "merchant", 100m, "CNY");
        var euro = await SecurityProbe.RefundedAsync(_silo, "o-fx-2", "m-1", "merchant", 50m, "EUR");

        var response = await _silo.Client(ApiRole.Supervisor).GetAsync("/api/v1/reports/merchant-costs?" + SecurityProbe.RangeAroundNow(TimeSpan.FromHours(1)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = report.RootElement;
        Assert.Equal(100m, root.GetProperty("merchants").GetProperty("m-1").GetProperty("CNY").GetProperty("pays").GetDecimal());
        Assert.Equal(50m, root.GetProperty("merchants").GetProperty("m-1").GetProperty("EUR").GetProperty("pays").GetDecimal());
        var reporting = root.GetProperty("reporting");
        Assert.Equal("USD", reporting.GetProperty("currency").GetString());
        Assert.Equal(14m, reporting.GetProperty("merchants").GetProperty("m-1").GetProperty("pays").GetDecimal());
        var unconverted = Assert.Single(reporting.GetProperty("unconverted").EnumerateArray());
        Assert.Equal((euro, "EUR", 50m), (unconverted.GetProperty("ticketId").GetString(), unconverted.GetProperty("amount").GetProperty("currency").GetString(), unconverted.GetProperty("amount").GetProperty("amount").GetDecimal()));
    }
}

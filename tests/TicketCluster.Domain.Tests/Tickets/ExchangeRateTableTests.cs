using System.Collections.Immutable;
using TicketCluster.Domain.Tickets;

namespace TicketCluster.Domain.Tests.Tickets;

/// <summary>Dated exchange rates into the reporting currency: the rate in effect on a date, and none before a
/// currency's first rate.</summary>
public sealed class ExchangeRateTableTests
{
    private static readonly ExchangeRateTable Rates = new(
        "CNY",
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [
            KeyValuePair.Create("USD", ImmutableArray.Create(new ExchangeRate(new DateOnly(2026, 11, 1), 7.10m), new ExchangeRate(new DateOnly(2026, 12, 1), 7.20m))),
        ]));

    [Theory]
    [InlineData(2026, 11, 1, 71.0)]
    [InlineData(2026, 11, 30, 71.0)]
    [InlineData(2026, 12, 1, 72.0)]
    [InlineData(2027, 3, 5, 72.0)]
    public void Convert_DateWithARate_TheRateInEffectThatDay(int year, int month, int day, double expected)
    {
        Assert.Equal((decimal)expected, Rates.Convert(new Money(10, "USD"), new DateOnly(year, month, day)));
    }

    [Fact]
    public void Convert_BeforeTheFirstRateOrUnknownCurrency_None()
    {
        Assert.Null(Rates.Convert(new Money(10, "USD"), new DateOnly(2026, 10, 31)));
        Assert.Null(Rates.Convert(new Money(10, "EUR"), new DateOnly(2026, 12, 1)));
    }

    [Fact]
    public void Convert_ReportingCurrency_Unchanged()
    {
        Assert.Equal(10m, Rates.Convert(new Money(10, "CNY"), new DateOnly(1999, 1, 1)));
    }
}

using System.Collections.Immutable;
using TicketCluster.Domain;
using TicketCluster.Domain.Tickets;
using TicketCluster.Silo.Api.Contracts;

namespace TicketCluster.Silo.Tests.Api.Contracts;

/// <summary>The one rule per field shape that intake and commands share.</summary>
public sealed class FieldRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 11, 8, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, string[]> Check(Action<FieldRules> check)
    {
        var rules = new FieldRules();
        check(rules);
        return rules.ToDictionary();
    }

    [Theory]
    [InlineData("c-1", true)]
    [InlineData("客户 7", true)]
    [InlineData("c-\u0001", false)]
    [InlineData("c\n1", false)]
    [InlineData("   ", false)]
    [InlineData("", false)]
    public void IsId_Value_AcceptsOnlyPrintableNonBlank(string value, bool expected) => Assert.Equal(expected, FieldRules.IsId(value));

    [Fact]
    public void IsId_LongerThanTheLimit_False() => Assert.False(FieldRules.IsId(new string('a', FieldRules.MaxIdLength + 1)));

    [Theory]
    [InlineData(FieldRules.MaxNameLength, true)]
    [InlineData(FieldRules.MaxNameLength + 1, false)]
    public void Name_AtAndPastItsLimit_BoundedThere(int length, bool accepted) =>
        Assert.Equal(accepted, Check(r => r.Name(new string('n', length), "name", required: true)).Count == 0);

    [Theory]
    [InlineData(FieldRules.MaxTextLength, true)]
    [InlineData(FieldRules.MaxTextLength + 1, false)]
    public void Message_AtAndPastItsLimit_BoundedThere(int length, bool accepted) =>
        Assert.Equal(accepted, Check(r => r.Message(new string('m', length), "message", required: true)).Count == 0);

    [Theory]
    [InlineData(FieldRules.MaxNoteLength, true)]
    [InlineData(FieldRules.MaxNoteLength + 1, false)]
    public void Note_AtAndPastItsLimit_BoundedThere(int length, bool accepted) =>
        Assert.Equal(accepted, Check(r => r.Note(new string('n', length), "note", required: false)).Count == 0);

    [Fact]
    public void Message_LineBreaksAndTabs_Accepted() => Assert.Empty(Check(r => r.Message("Line one\r\n\tline two", "message", required: true)));

    [Fact]
    public void Message_OtherControlCharacter_RefusedNamingTheField() =>
        Assert.Equal(["must not contain control characters other than line breaks and tabs"], Check(r => r.Message("bell\u0007", "message", required: true))["message"]);

    [Fact]
    public void Name_LineBreak_Refused() => Assert.Contains("name", Check(r => r.Name("Li\nLei", "name", required: true)).Keys);

    [Fact]
    public void Note_AbsentAndNotRequired_Accepted() => Assert.Empty(Check(r => r.Note(null, "note", required: false)));

    [Fact]
    public void Note_BlankAndRequired_Refused() => Assert.Contains("note", Check(r => r.Note(" ", "note", required: true)).Keys);

    [Theory]
    [InlineData("https://files.example.com/a.jpg", true)]
    [InlineData("ftp://files.example.com/a.jpg", false)]
    [InlineData("/a.jpg", false)]
    public void Url_Value_OnlyAbsoluteHttp(string url, bool accepted) =>
        Assert.Equal(accepted, Check(r => r.Url(url, "url", required: true)).Count == 0);

    [Fact]
    public void Url_PastItsLimit_Refused() =>
        Assert.Contains("url", Check(r => r.Url("https://example.com/" + new string('a', FieldRules.MaxUrlLength), "url", required: true)).Keys);

    [Theory]
    [InlineData("SF1234567890", true)]
    [InlineData("1Z 999 AA1-0123", true)]
    [InlineData("SF<script>", false)]
    [InlineData("SF\u00001", false)]
    public void TrackingNumber_Value_LettersDigitsSpacesDashes(string value, bool accepted) =>
        Assert.Equal(accepted, Check(r => r.TrackingNumber(value, "trackingNumber", required: true)).Count == 0);

    [Fact]
    public void Evidence_MoreThanOneCallMayCarry_RefusedOnTheList()
    {
        var items = Enumerable.Repeat(new EvidenceItem(EvidenceKind.Photo, "https://e.example.com/1.jpg", new string('a', 64), null), FieldRules.MaxEvidence + 1).ToImmutableArray();

        var errors = Check(r => r.Evidence(items, "evidence", required: false, View));

        Assert.Equal(["evidence"], errors.Keys);
    }

    [Fact]
    public void Evidence_BadItem_NamesEachFieldByIndex()
    {
        ImmutableArray<EvidenceItem> items = [new(EvidenceKind.Photo, "https://e.example.com/1.jpg", new string('a', 64), null), new(EvidenceKind.Photo, "nope", "xyz", new string('n', FieldRules.MaxNoteLength + 1))];

        var errors = Check(r => r.Evidence(items, "evidence", required: false, View));

        Assert.Equal(["evidence[1].note", "evidence[1].sha256", "evidence[1].url"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Evidence_NoneWhenRequired_Refused() =>
        Assert.Contains("evidence", Check(r => r.Evidence(ImmutableArray<EvidenceItem>.Empty, "evidence", required: true, View)).Keys);

    [Theory]
    [InlineData("10.12", "CNY", true)]
    [InlineData("10.120", "CNY", true)]
    [InlineData("10.123", "CNY", false)]
    [InlineData("0.0001", "CNY", false)]
    [InlineData("1.5", "JPY", false)]
    [InlineData("1.005", "KWD", true)]
    [InlineData("-0.01", "CNY", false)]
    [InlineData("1000000000000.01", "CNY", false)]
    public void Amount_InCurrency_FitsItsMinorDigitsAndBounds(string amount, string currency, bool accepted) =>
        Assert.Equal(accepted, Check(r => r.Amount(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), "amount", currency, required: true)).Count == 0);

    [Fact]
    public void Money_UnknownCurrency_RefusedOnTheCurrency() =>
        Assert.Equal(["amount.currency"], Check(r => r.Money(new Money(10m, "XXX"), "amount", required: true)).Keys);

    [Fact]
    public void Money_FinerThanTheCurrency_RefusedOnTheAmount() =>
        Assert.Equal(["must have at most 2 decimal places in CNY"], Check(r => r.Money(new Money(10.123m, "CNY"), "plan.amount", required: true))["plan.amount.amount"]);

    [Theory]
    [InlineData(0, true)]
    [InlineData(23, true)]
    [InlineData(25, false)]
    [InlineData(24 * 30, false)]
    public void PastTime_HoursAhead_AllowsOneDayOfClockSkew(int hoursAhead, bool accepted) =>
        Assert.Equal(accepted, Check(r => r.PastTime(Now.AddHours(hoursAhead), "order.purchasedAt", Now, required: true)).Count == 0);

    [Theory]
    [InlineData(0, false)]
    [InlineData(7, true)]
    [InlineData(91, false)]
    public void Window_Days_PositiveAndAtMostNinety(int days, bool accepted) =>
        Assert.Equal(accepted, Check(r => r.Window(TimeSpan.FromDays(days), "window", required: false)).Count == 0);

    private static EvidenceView View(EvidenceItem e) => new(e.Kind, e.Url, e.Sha256, e.Note);
}

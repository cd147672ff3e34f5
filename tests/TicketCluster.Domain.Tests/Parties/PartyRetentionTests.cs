using System.Text.Json;
using TicketCluster.Domain.Parties;

namespace TicketCluster.Domain.Tests.Parties;

public sealed class PartyRetentionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 11, 0, 0, 0, TimeSpan.Zero);

    private static readonly PartyRetention Retention = PartyRetention.Default;

    [Fact]
    public void Default_KeepsEveryRuleWindowInsideTheHistory()
    {
        Assert.Empty(Retention.Validate("Retention"));
        Assert.True(Retention.History >= ReturnAbusePolicy.Default.Window);
        Assert.Equal(TimeSpan.FromDays(1), Retention.TrimInterval);
    }

    [Fact]
    public void Validate_HistoryShorterThanLongestRuleWindow_Refused()
    {
        var errors = (Retention with { History = TimeSpan.FromDays(89) }).Validate("Retention");

        Assert.Contains(errors, e => e.StartsWith("Retention:History", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ConfiguredRepeatWindowLongerThanHistory_Refused()
    {
        var retention = Retention with { History = TimeSpan.FromDays(100) };

        Assert.Empty(retention.Validate("Retention", TimeSpan.FromDays(30)));
        Assert.Contains(retention.Validate("Retention", TimeSpan.FromDays(120)), e => e.Contains("120 days", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_TrimIntervalNotPositive_Refused()
    {
        var errors = (Retention with { TrimInterval = TimeSpan.Zero }).Validate("Retention");

        Assert.Contains(errors, e => e.StartsWith("Retention:TrimInterval", StringComparison.Ordinal));
    }

    [Fact]
    public void CustomerTrimIfDue_NeverTrimmed_ForgetsOldClosedHistoryAndRecordsTime()
    {
        var profile = CustomerProfile.Create("c-1", CustomerTier.Regular).Apply(
        [
            new ComplaintOpened("t-1:1", "t-1", T0, "o-1", TicketCategory.Logistics),
            new ComplaintOpened("t-2:1", "t-2", T0, "o-2", TicketCategory.Logistics),
            new ReturnReceived("t-1:2", "t-1", T0.AddDays(1), "o-1"),
            new ReturnInspected("t-1:3", "t-1", T0.AddDays(2), InspectionFinding.NoFaultFound),
            new ComplaintClosed("t-1:4", "t-1", T0.AddDays(3)),
        ]);
        var now = T0.AddDays(404);

        var trimmed = profile.TrimIfDue(now, Retention);

        Assert.Equal(["t-2"], trimmed.Complaints.Select(c => c.TicketId));
        Assert.Empty(trimmed.Returns);
        Assert.Empty(trimmed.Inspections);
        Assert.Equal(now, trimmed.TrimmedAt);
    }

    [Fact]
    public void CustomerTrimIfDue_WithinTheInterval_Unchanged()
    {
        var profile = CustomerProfile.Create("c-1", CustomerTier.Regular).Apply(
        [
            new ComplaintOpened("t-1:1", "t-1", T0, "o-1", TicketCategory.Logistics),
            new ComplaintClosed("t-1:4", "t-1", T0.AddDays(3)),
        ]) with { TrimmedAt = T0.AddDays(404) };

        Assert.Same(profile, profile.TrimIfDue(T0.AddDays(405) - TimeSpan.FromTicks(1), Retention));
        Assert.Empty(profile.TrimIfDue(T0.AddDays(405), Retention).Complaints);
    }

    [Fact]
    public void MerchantTrimIfDue_OldStrikes_ForgottenTotalKept()
    {
        var card = MerchantScorecard.Create("m-1").Apply(
        [
            new MerchantDeadlineMissed("t-1:4", "t-1", T0),
            new MerchantDeadlineMissed("t-2:4", "t-2", T0.AddDays(390)),
        ]);
        var now = T0.AddDays(401);

        var trimmed = card.TrimIfDue(now, Retention);

        Assert.Equal(["t-2"], trimmed.Strikes.Select(s => s.TicketId));
        Assert.Equal(2, trimmed.TotalStrikes);
        Assert.Equal(now, trimmed.TrimmedAt);
        Assert.Same(trimmed, trimmed.TrimIfDue(now.AddHours(23), Retention));
    }

    [Fact]
    public void TrimmedAt_JsonRoundTrip_Kept()
    {
        var profile = CustomerProfile.Create("c-1", CustomerTier.Regular).TrimIfDue(T0, Retention);
        var card = MerchantScorecard.Create("m-1").TrimIfDue(T0, Retention);

        Assert.Equal(T0, JsonSerializer.Deserialize<CustomerProfile>(JsonSerializer.Serialize(profile))!.TrimmedAt);
        Assert.Equal(T0, JsonSerializer.Deserialize<MerchantScorecard>(JsonSerializer.Serialize(card))!.TrimmedAt);
    }
}

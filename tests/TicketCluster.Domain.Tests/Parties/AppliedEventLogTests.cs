using TicketCluster.Domain.Parties;

namespace TicketCluster.Domain.Tests.Parties;

public sealed class AppliedEventLogTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 11, 0, 0, 0, TimeSpan.Zero);

    private static CustomerProfile ClosedTicket() => CustomerProfile.Create("c-1", CustomerTier.Regular).Apply(
    [
        new ComplaintOpened("t-1/opened", "t-1", T0, "o-1", TicketCategory.Logistics),
        new ComplaintClosed("t-1/closed", "t-1", T0.AddDays(1)),
    ]);

    [Fact]
    public void Apply_OpenTicket_KeepsIdsBeyondRetention()
    {
        var profile = CustomerProfile.Create("c-1", CustomerTier.Regular).Apply(
        [
            new ComplaintOpened("t-1/opened", "t-1", T0, "o-1", TicketCategory.Logistics),
            new ComplaintOpened("t-2/opened", "t-2", T0.AddDays(100), "o-2", TicketCategory.Logistics),
        ]);

        Assert.Equal(["t-1", "t-2"], profile.Events.Tickets.Keys);
        Assert.True(profile.Events.HasApplied("t-1/opened", "t-1", T0));
    }

    [Fact]
    public void Apply_ClosedTicketWithinRetention_KeepsItsIds()
    {
        var profile = ClosedTicket().Apply(new ComplaintOpened("t-2/opened", "t-2", T0.AddDays(15), "o-2", TicketCategory.Price));

        Assert.Contains("t-1", profile.Events.Tickets.Keys);
    }

    [Fact]
    public void Apply_ClosedTicketPastRetention_ForgetsIdsAndIgnoresOldRedelivery()
    {
        var later = ClosedTicket().Apply(new ComplaintOpened("t-2/opened", "t-2", T0.AddDays(16), "o-2", TicketCategory.Price));

        var redelivered = later.Apply(new ComplaintReopened("t-1/reopened-late", "t-1", T0.AddDays(1)));

        Assert.DoesNotContain("t-1", later.Events.Tickets.Keys);
        Assert.True(later.Events.HasApplied("t-1/closed", "t-1", T0.AddDays(1)));
        Assert.Equal(ComplaintStatus.Closed, redelivered.Complaints.Single(c => c.TicketId == "t-1").Status);
    }

    [Fact]
    public void Apply_NewFactForForgottenTicket_Applied()
    {
        var later = ClosedTicket().Apply(new ComplaintOpened("t-2/opened", "t-2", T0.AddDays(16), "o-2", TicketCategory.Price));

        var reopened = later.Apply(new ComplaintReopened("t-1/reopened", "t-1", T0.AddDays(16)));

        Assert.Equal(ComplaintStatus.Open, reopened.Complaints.Single(c => c.TicketId == "t-1").Status);
        Assert.Equal(["t-1/reopened"], reopened.Events.Tickets["t-1"].EventIds);
    }

    [Fact]
    public void Create_CustomRetention_UsedForForgetting()
    {
        var profile = CustomerProfile.Create("c-1", CustomerTier.Regular, TimeSpan.FromDays(1)).Apply(
        [
            new ComplaintOpened("t-1/opened", "t-1", T0, "o-1", TicketCategory.Logistics),
            new ComplaintClosed("t-1/closed", "t-1", T0.AddDays(1)),
            new ComplaintOpened("t-2/opened", "t-2", T0.AddDays(3), "o-2", TicketCategory.Price),
        ]);

        Assert.Equal(["t-2"], profile.Events.Tickets.Keys);
    }

    [Fact]
    public void Empty_NonPositiveRetention_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AppliedEventLog.Empty(TimeSpan.Zero));

    [Fact]
    public void Apply_EmptyEventId_Throws() =>
        Assert.Throws<ArgumentException>(() => CustomerProfile.Create("c-1", CustomerTier.Regular).Apply(new ComplaintClosed("", "t-1", T0)));
}

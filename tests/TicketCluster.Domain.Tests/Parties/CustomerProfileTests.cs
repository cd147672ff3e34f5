using TicketCluster.Domain.Parties;

namespace TicketCluster.Domain.Tests.Parties;

public sealed class CustomerProfileTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 11, 0, 0, 0, TimeSpan.Zero);

    private static CustomerProfile Empty() => CustomerProfile.Create("c-1", CustomerTier.Gold);

    private static ComplaintOpened Opened(string ticket, string order, TicketCategory category, DateTimeOffset at) =>
        new($"{ticket}/opened", ticket, at, order, category);

    [Fact]
    public void ComplaintsWithin_WindowEndingNow_CountsOpenedAfterStartUpToNow()
    {
        var profile = Empty().Apply(
        [
            Opened("t-1", "o-1", TicketCategory.Logistics, T0),
            Opened("t-2", "o-2", TicketCategory.Logistics, T0.AddDays(10)),
            Opened("t-3", "o-3", TicketCategory.Price, T0.AddDays(30)),
        ]);

        Assert.Equal(2, profile.ComplaintsWithin(T0.AddDays(30), TimeSpan.FromDays(30)));
        Assert.Equal(3, profile.ComplaintsWithin(T0.AddDays(30), TimeSpan.FromDays(31)));
        Assert.Equal(1, profile.ComplaintsWithin(T0.AddDays(10), TimeSpan.FromDays(5)));
        Assert.Equal(0, profile.ComplaintsWithin(T0.AddDays(-1), TimeSpan.FromDays(30)));
    }

    [Fact]
    public void HasComplainedAboutOrder_OpenOrClosedComplaint_True()
    {
        var profile = Empty().Apply(
        [
            Opened("t-1", "o-1", TicketCategory.Logistics, T0),
            new ComplaintClosed("t-1/closed", "t-1", T0.AddDays(1)),
            Opened("t-2", "", TicketCategory.Other, T0),
        ]);

        Assert.True(profile.HasComplainedAboutOrder("o-1"));
        Assert.False(profile.HasComplainedAboutOrder("o-2"));
        Assert.False(profile.HasComplainedAboutOrder(""));
    }

    [Fact]
    public void FindOpenTicket_SameOrderAndCategory_ReturnsOpenTicket()
    {
        var profile = Empty().Apply(Opened("t-1", "o-1", TicketCategory.ProductQuality, T0));

        Assert.Equal("t-1", profile.FindOpenTicket("o-1", TicketCategory.ProductQuality));
        Assert.Null(profile.FindOpenTicket("o-1", TicketCategory.Logistics));
        Assert.Null(profile.FindOpenTicket("o-2", TicketCategory.ProductQuality));
    }

    [Fact]
    public void FindOpenTicket_ClosedThenReopened_FollowsStatus()
    {
        var closed = Empty().Apply(
        [
            Opened("t-1", "o-1", TicketCategory.ProductQuality, T0),
            new ComplaintClosed("t-1/closed", "t-1", T0.AddDays(2)),
        ]);
        var reopened = closed.Apply(new ComplaintReopened("t-1/reopened", "t-1", T0.AddDays(3)));

        Assert.Null(closed.FindOpenTicket("o-1", TicketCategory.ProductQuality));
        Assert.Equal("t-1", reopened.FindOpenTicket("o-1", TicketCategory.ProductQuality));
        Assert.Equal(ComplaintStatus.Open, reopened.Complaints.Single().Status);
        Assert.Null(reopened.Complaints.Single().ClosedAt);
    }

    [Fact]
    public void FindOpenTicket_TwoOpenCandidates_MostRecentlyOpened()
    {
        var profile = Empty().Apply(
        [
            Opened("t-1", "o-1", TicketCategory.Price, T0),
            Opened("t-2", "o-1", TicketCategory.Price, T0.AddHours(1)),
        ]);

        Assert.Equal("t-2", profile.FindOpenTicket("o-1", TicketCategory.Price));
    }

    [Fact]
    public void FindOpenTicket_CategoryChanged_MatchesNewCategory()
    {
        var profile = Empty().Apply(
        [
            Opened("t-1", "o-1", TicketCategory.Other, T0),
            new ComplaintCategoryChanged("t-1/category", "t-1", T0.AddMinutes(5), TicketCategory.Counterfeit),
        ]);

        Assert.Equal("t-1", profile.FindOpenTicket("o-1", TicketCategory.Counterfeit));
        Assert.Null(profile.FindOpenTicket("o-1", TicketCategory.Other));
    }

    [Fact]
    public void FindOpenTicket_NoOrder_NeverMerges()
    {
        var profile = Empty().Apply(Opened("t-1", "", TicketCategory.ServiceAttitude, T0));

        Assert.Null(profile.FindOpenTicket("", TicketCategory.ServiceAttitude));
    }

    [Theory]
    [InlineData(4, false)]
    [InlineData(5, true)]
    public void AssessReturnAbuse_ReturnsWithin90Days_FlagAtFive(int returns, bool expected)
    {
        var facts = Enumerable.Range(0, returns)
            .Select(i => (CustomerFact)new ReturnReceived($"r-{i}", $"t-{i}", T0.AddDays(i * 10), $"o-{i}"));
        var profile = Empty().Apply(facts);

        var assessment = profile.AssessReturnAbuse(T0.AddDays(60));

        Assert.Equal(expected, assessment.Suspected);
        Assert.Equal(returns, assessment.ReturnsInWindow);
    }

    [Fact]
    public void AssessReturnAbuse_ReturnsOlderThanWindow_NotCounted()
    {
        var facts = Enumerable.Range(0, 5)
            .Select(i => (CustomerFact)new ReturnReceived($"r-{i}", $"t-{i}", T0.AddDays(i), $"o-{i}"));
        var profile = Empty().Apply(facts);

        var assessment = profile.AssessReturnAbuse(T0.AddDays(91));

        Assert.False(assessment.Suspected);
        Assert.Equal(3, assessment.ReturnsInWindow);
    }

    [Theory]
    [InlineData(InspectionFinding.DamagedByCustomer, true)]
    [InlineData(InspectionFinding.ItemSwappedOrMissing, true)]
    [InlineData(InspectionFinding.AsDescribed, false)]
    [InlineData(InspectionFinding.NoFaultFound, false)]
    [InlineData(InspectionFinding.AccessoriesMissing, false)]
    public void AssessReturnAbuse_OneInspectionFinding_FlagsCustomerFaultOnly(InspectionFinding finding, bool expected)
    {
        var profile = Empty().Apply(new ReturnInspected("i-1", "t-1", T0, finding));

        var assessment = profile.AssessReturnAbuse(T0.AddDays(1));

        Assert.Equal(expected, assessment.Suspected);
        Assert.Equal(expected ? 1 : 0, assessment.FlaggedFindingsInWindow);
    }

    [Fact]
    public void SwappedItemsWithin_SwappedFindingsInTheWindow_CountedOthersNot()
    {
        var profile = Empty().Apply(
        [
            new ReturnInspected("i-1", "t-1", T0, InspectionFinding.ItemSwappedOrMissing),
            new ReturnInspected("i-2", "t-2", T0.AddDays(50), InspectionFinding.ItemSwappedOrMissing),
            new ReturnInspected("i-3", "t-3", T0.AddDays(60), InspectionFinding.AccessoriesMissing),
        ]);

        Assert.Equal(2, profile.SwappedItemsWithin(T0.AddDays(60)));
        Assert.Equal(1, profile.SwappedItemsWithin(T0.AddDays(100)));
        Assert.Equal(0, profile.SwappedItemsWithin(T0.AddDays(200)));
    }

    [Fact]
    public void AssessReturnAbuse_CustomPolicy_UsesItsLimits()
    {
        var policy = ReturnAbusePolicy.Default with { MaxReturns = 2, MaxFlaggedFindings = 2, Window = TimeSpan.FromDays(7) };
        var profile = Empty().Apply(
        [
            new ReturnReceived("r-1", "t-1", T0, "o-1"),
            new ReturnInspected("i-1", "t-1", T0, InspectionFinding.DamagedByCustomer),
            new ReturnReceived("r-2", "t-2", T0.AddDays(3), "o-2"),
        ]);

        Assert.True(profile.AssessReturnAbuse(T0.AddDays(3), policy).Suspected);
        Assert.False(profile.AssessReturnAbuse(T0.AddDays(8), policy).Suspected);
    }

    [Fact]
    public void Apply_SameFactTwice_AppliedOnce()
    {
        var opened = Opened("t-1", "o-1", TicketCategory.Logistics, T0);
        var received = new ReturnReceived("r-1", "t-1", T0.AddDays(1), "o-1");

        var once = Empty().Apply([opened, received]);
        var twice = once.Apply([opened, received]).Apply(received);

        Assert.Single(twice.Complaints);
        Assert.Single(twice.Returns);
        Assert.Equal(Json.Of(once), Json.Of(twice));
    }

    [Fact]
    public void Apply_CloseRedeliveredAfterReopen_StaysOpen()
    {
        var closed = new ComplaintClosed("t-1/closed", "t-1", T0.AddDays(1));
        var profile = Empty().Apply(
        [
            Opened("t-1", "o-1", TicketCategory.Logistics, T0),
            closed,
            new ComplaintReopened("t-1/reopened", "t-1", T0.AddDays(2)),
            closed,
        ]);

        Assert.Equal(ComplaintStatus.Open, profile.Complaints.Single().Status);
    }

    [Fact]
    public void Apply_FactForUnknownTicket_ChangesNoHistory()
    {
        var profile = Empty().Apply(new ComplaintClosed("x-1", "t-404", T0));

        Assert.Empty(profile.Complaints);
    }

    [Fact]
    public void ForgetHistoryBefore_KeepsOpenComplaintsAndRecentHistory()
    {
        var profile = Empty().Apply(
        [
            Opened("t-1", "o-1", TicketCategory.Logistics, T0),
            new ComplaintClosed("t-1/closed", "t-1", T0.AddDays(1)),
            Opened("t-2", "o-2", TicketCategory.Logistics, T0),
            new ReturnReceived("r-1", "t-2", T0.AddDays(1), "o-2"),
            new ReturnReceived("r-2", "t-2", T0.AddDays(20), "o-2"),
        ]);

        var trimmed = profile.ForgetHistoryBefore(T0.AddDays(10));

        Assert.Equal(["t-2"], trimmed.Complaints.Select(c => c.TicketId));
        Assert.Equal([T0.AddDays(20)], trimmed.Returns.Select(r => r.ReceivedAt));
    }

    [Fact]
    public void WithTier_ChangesTierOnly()
    {
        var profile = Empty().Apply(Opened("t-1", "o-1", TicketCategory.Logistics, T0));

        var vip = profile.WithTier(CustomerTier.Vip);

        Assert.Equal(CustomerTier.Vip, vip.Tier);
        Assert.Same(profile.Complaints, vip.Complaints);
    }
}

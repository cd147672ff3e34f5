using TicketCluster.Domain.Parties;

namespace TicketCluster.Domain.Tests.Parties;

public sealed class MerchantScorecardTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 11, 0, 0, 0, TimeSpan.Zero);

    private static MerchantScorecard Empty() => MerchantScorecard.Create("m-1");

    [Fact]
    public void Apply_OpenAndClose_TracksOpenDisputes()
    {
        var card = Empty().Apply(
        [
            new DisputeOpened("e-1", "t-1", T0),
            new DisputeOpened("e-2", "t-2", T0),
            new DisputeClosed("e-3", "t-1", T0.AddDays(1)),
        ]);

        Assert.Equal(1, card.OpenDisputeCount);
        Assert.Equal(["t-2"], card.OpenDisputes);
    }

    [Fact]
    public void Apply_Responses_CountOnTimeLateAndSilent()
    {
        var card = Empty().Apply(
        [
            new MerchantResponded("e-1", "t-1", T0.AddHours(47), T0.AddHours(48)),
            new MerchantResponded("e-2", "t-2", T0.AddHours(48), T0.AddHours(48)),
            new MerchantResponded("e-3", "t-3", T0.AddHours(49), T0.AddHours(48)),
            new MerchantDeadlineMissed("e-4", "t-4", T0.AddHours(48)),
        ]);

        Assert.Equal(new ResponseCompliance(OnTime: 2, Late: 1, Silent: 1), card.Responses);
        Assert.Equal(0.5, card.Responses.OnTimeRate);
    }

    [Fact]
    public void Apply_LateAnswerAfterMissedDeadline_MovesSilentToLateAndKeepsStrike()
    {
        var card = Empty().Apply(
        [
            new DisputeOpened("e-1", "t-1", T0),
            new MerchantDeadlineMissed("e-2", "t-1", T0.AddHours(48)),
            new MerchantResponded("e-3", "t-1", T0.AddHours(60), T0.AddHours(48)),
        ]);

        Assert.Equal(new ResponseCompliance(OnTime: 0, Late: 1, Silent: 0), card.Responses);
        Assert.Equal(1, card.TotalStrikes);
        Assert.Empty(card.SilentTickets);
    }

    [Fact]
    public void Apply_SilentUntilClosed_StaysSilent()
    {
        var card = Empty().Apply(
        [
            new DisputeOpened("e-1", "t-1", T0),
            new MerchantDeadlineMissed("e-2", "t-1", T0.AddHours(48)),
            new DisputeClosed("e-3", "t-1", T0.AddDays(5)),
        ]);

        Assert.Equal(new ResponseCompliance(OnTime: 0, Late: 0, Silent: 1), card.Responses);
        Assert.Empty(card.SilentTickets);
    }

    [Fact]
    public void ResponseCompliance_NoRequests_RateIsNull() => Assert.Null(Empty().Responses.OnTimeRate);

    [Fact]
    public void Apply_MissedDeadlines_AddStrikes()
    {
        var card = Empty().Apply(
        [
            new MerchantDeadlineMissed("e-1", "t-1", T0),
            new MerchantDeadlineMissed("e-2", "t-2", T0.AddDays(20)),
            new MerchantDeadlineMissed("e-3", "t-3", T0.AddDays(40)),
        ]);

        Assert.Equal(3, card.TotalStrikes);
        Assert.Equal(2, card.StrikesWithin(T0.AddDays(40), TimeSpan.FromDays(30)));
        Assert.Equal([new Strike("t-1", T0), new Strike("t-2", T0.AddDays(20)), new Strike("t-3", T0.AddDays(40))], card.Strikes);
    }

    [Fact]
    public void ForgetStrikesBefore_KeepsTotal()
    {
        var card = Empty().Apply(
        [
            new MerchantDeadlineMissed("e-1", "t-1", T0),
            new MerchantDeadlineMissed("e-2", "t-2", T0.AddDays(20)),
        ]).ForgetStrikesBefore(T0.AddDays(10));

        Assert.Equal([new Strike("t-2", T0.AddDays(20))], card.Strikes);
        Assert.Equal(2, card.TotalStrikes);
    }

    [Fact]
    public void Apply_Responsibility_RateOverDeterminedTickets()
    {
        var card = Empty().Apply(
        [
            new ResponsibilityDetermined("e-1", "t-1", T0, MerchantLiability.Full),
            new ResponsibilityDetermined("e-2", "t-2", T0, MerchantLiability.Shared),
            new ResponsibilityDetermined("e-3", "t-3", T0, MerchantLiability.None),
            new ResponsibilityDetermined("e-4", "t-4", T0, MerchantLiability.None),
            new ResponsibilityDetermined("e-5", "t-5", T0, MerchantLiability.Undetermined),
        ]);

        Assert.Equal(new ResponsibilityTally(Determined: 4, Full: 1, Shared: 1), card.Responsibility);
        Assert.Equal(0.5, card.Responsibility.ResponsibilityRate);
    }

    [Fact]
    public void Apply_ResponsibilityDeterminedAgain_ReplacesEarlierDecision()
    {
        var card = Empty().Apply(
        [
            new DisputeOpened("e-1", "t-1", T0),
            new ResponsibilityDetermined("e-2", "t-1", T0.AddDays(1), MerchantLiability.Full),
            new ResponsibilityDetermined("e-3", "t-1", T0.AddDays(2), MerchantLiability.None),
        ]);

        Assert.Equal(new ResponsibilityTally(Determined: 1, Full: 0, Shared: 0), card.Responsibility);
        Assert.Equal(0.0, card.Responsibility.ResponsibilityRate);
    }

    [Fact]
    public void Apply_Ratings_DistributionAndAverage()
    {
        var card = Empty().Apply(
        [
            new SatisfactionRated("e-1", "t-1", T0, 5),
            new SatisfactionRated("e-2", "t-2", T0, 5),
            new SatisfactionRated("e-3", "t-3", T0, 2),
            new SatisfactionRated("e-4", "t-4", T0, 0),
            new SatisfactionRated("e-5", "t-5", T0, 6),
        ]);

        Assert.Equal(3, card.Satisfaction.Count);
        Assert.Equal(2, card.Satisfaction[5]);
        Assert.Equal(1, card.Satisfaction[2]);
        Assert.Equal(0, card.Satisfaction[1]);
        Assert.Equal(4.0, card.Satisfaction.Average);
    }

    [Fact]
    public void Satisfaction_NoRatings_AverageIsNull() => Assert.Null(Empty().Satisfaction.Average);

    [Fact]
    public void Apply_SameFactTwice_AppliedOnce()
    {
        MerchantFact[] facts =
        [
            new DisputeOpened("e-1", "t-1", T0),
            new MerchantDeadlineMissed("e-2", "t-1", T0.AddHours(48)),
            new SatisfactionRated("e-3", "t-1", T0.AddDays(3), 1),
        ];

        var once = Empty().Apply(facts);
        var twice = once.Apply(facts).Apply(facts[1]);

        Assert.Equal(1, twice.TotalStrikes);
        Assert.Equal(1, twice.Satisfaction.Count);
        Assert.Equal(Json.Of(once), Json.Of(twice));
    }

    [Fact]
    public void Apply_ThousandsOfFactsInOneBatch_CountsEveryTicket()
    {
        var facts = Enumerable.Range(0, 3000).SelectMany(i => new MerchantFact[]
        {
            new DisputeOpened($"o-{i}", $"t-{i}", T0.AddSeconds(i)),
            new MerchantResponded($"r-{i}", $"t-{i}", T0.AddSeconds(i + 10), T0.AddSeconds(i + (i % 2 == 0 ? 20 : 5))),
            new SatisfactionRated($"s-{i}", $"t-{i}", T0.AddSeconds(i + 30), (i % 5) + 1),
        });

        var card = Empty().Apply(facts);

        Assert.Equal(3000, card.OpenDisputeCount);
        Assert.Equal(new ResponseCompliance(OnTime: 1500, Late: 1500, Silent: 0), card.Responses);
        Assert.Equal(3.0, card.Satisfaction.Average);
    }
}

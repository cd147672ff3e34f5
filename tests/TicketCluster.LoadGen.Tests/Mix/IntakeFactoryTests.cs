using TicketCluster.Domain;
using TicketCluster.Domain.Classification;
using TicketCluster.LoadGen.Mix;

namespace TicketCluster.LoadGen.Tests.Mix;

public sealed class IntakeFactoryTests
{
    private static List<PlannedIntake> Intakes(int seed, LoadMix? mix = null, int count = 500)
    {
        var factory = new IntakeFactory(mix ?? LoadMix.Default, seed, "run");
        return [.. Enumerable.Range(0, count).Select(_ => factory.Next())];
    }

    [Fact]
    public void Next_SameSeed_SameIntakes()
    {
        Assert.Equal(Intakes(3).Select(i => i.Submission.Description + i.Submission.Order.Id), Intakes(3).Select(i => i.Submission.Description + i.Submission.Order.Id));
    }

    [Fact]
    public void Next_Duplicate_SameComplaintOnAnotherChannelWithItsOwnMessageId()
    {
        var intakes = Intakes(5);
        var duplicates = intakes.Where(i => i.Kind == IntakeKind.Duplicate).ToList();

        Assert.NotEmpty(duplicates);
        Assert.All(duplicates, d =>
        {
            var original = intakes.First(i => i.Kind != IntakeKind.Duplicate && i.Submission.Order.Id == d.Submission.Order.Id);
            Assert.NotEqual(original.Submission.Channel, d.Submission.Channel);
            Assert.Equal(original.Submission.Customer, d.Submission.Customer);
            Assert.Equal(original.Submission.Category, d.Submission.Category);
            Assert.NotEqual(original.Submission.ExternalId, d.Submission.ExternalId);
            Assert.Equal(original.IntendedSeverity, d.IntendedSeverity);
        });
    }

    [Fact]
    public void Next_Repeat_EarlierCustomerWithANewOrder()
    {
        var intakes = Intakes(6);
        var repeats = intakes.Where(i => i.Kind == IntakeKind.Repeat).ToList();

        Assert.NotEmpty(repeats);
        Assert.All(repeats, r =>
        {
            Assert.Contains(intakes, i => i.Kind == IntakeKind.New && i.Submission.Customer.Id == r.Submission.Customer.Id);
            Assert.Single(intakes, i => i.Submission.Order.Id == r.Submission.Order.Id && i.Kind != IntakeKind.Duplicate);
        });
    }

    [Fact]
    public void Next_IntendedSeverity_WhatTheClassifierMakesOfIt()
    {
        var mix = LoadMix.Parse(LoadMix.DefaultChannels, "logistics=1,product-quality=1,price=1", "normal=1,serious=1,urgent=1", 0, 0, 0.5);

        Assert.All(Intakes(8, mix, 300), intake =>
        {
            var s = intake.Submission;
            var classified = TicketClassifier.Default.Classify(new ClassificationInput(s.Description, s.Category, s.Severity, s.Customer.Tier ?? CustomerTier.Regular, new Money(s.Order.Amount, s.Order.Currency), 0, false));
            Assert.Equal(intake.IntendedSeverity, classified.Severity);
        });
    }

    [Fact]
    public void Next_Orders_UnderTheApprovalThresholdWithOneLine()
    {
        Assert.All(Intakes(9), i =>
        {
            Assert.InRange(i.Submission.Order.Amount, 29m, 999m);
            Assert.Equal(i.Submission.Order.Amount, Assert.Single(i.Submission.Order.Items!).UnitPrice);
        });
    }
}

using TicketCluster.Domain.Parties;
using TicketCluster.Domain.Tests.Classification;

namespace TicketCluster.Domain.Tests.Parties;

/// <summary>
/// Batches equal sequential application, and the models survive System.Text.Json. The fact streams are
/// pseudo-random with fixed seeds (deterministic), with redeliveries and short retentions mixed in.
/// </summary>
public sealed class BatchAndJsonTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 11, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void MerchantApply_Batches_EqualSequential(int seed)
    {
        var facts = MerchantStream(new Random(seed), 600);
        var start = MerchantScorecard.Create("m-1", TimeSpan.FromDays(2));

        var sequential = facts.Aggregate(start, (card, fact) => card.Apply(fact));
        var batched = Batches(facts, new Random(seed + 100)).Aggregate(start, (card, batch) => card.Apply(batch));
        var whole = start.Apply(facts);

        Assert.Equal(Json.Of(sequential), Json.Of(batched));
        Assert.Equal(Json.Of(sequential), Json.Of(whole));
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(3, 16)]
    [InlineData(4, 7)]
    public void MerchantMerge_PartsByTicket_EqualOneScorecard(int seed, int parts)
    {
        var facts = MerchantStream(new Random(seed), 600).DistinctBy(f => f.EventId).ToList();
        var whole = MerchantScorecard.Create("m-1").Apply(facts);
        var cards = Enumerable.Range(0, parts)
            .Select(part => MerchantScorecard.Create("m-1").Apply(facts.Where(f => int.Parse(f.TicketId[2..], System.Globalization.CultureInfo.InvariantCulture) % parts == part)))
            .ToList();

        var merged = MerchantScorecard.Merge("m-1", cards);

        Assert.True(cards.Count(c => c.Strikes.Count > 0) > 1 || parts == 1);
        Assert.Equal(Json.Of(Comparable(whole)), Json.Of(Comparable(merged)));
        Assert.Equal(whole.StrikesWithin(T0.AddDays(200), TimeSpan.FromDays(30)), merged.StrikesWithin(T0.AddDays(200), TimeSpan.FromDays(30)));
        Assert.Equal("m-1", merged.MerchantId);
    }

    [Fact]
    public void MerchantMerge_NoParts_NewScorecard()
    {
        Assert.Equal(Json.Of(MerchantScorecard.Create("m-1")), Json.Of(MerchantScorecard.Merge("m-1", [])));
    }

    /// <summary>A scorecard without its applied-event log, strikes by time then ticket: what a merge keeps.</summary>
    private static MerchantScorecard Comparable(MerchantScorecard card) =>
        card with { Events = AppliedEventLog.Empty(), Strikes = [.. card.Strikes.OrderBy(s => s.At).ThenBy(s => s.TicketId, StringComparer.Ordinal)] };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void CustomerApply_Batches_EqualSequential(int seed)
    {
        var facts = CustomerStream(new Random(seed), 600);
        var start = CustomerProfile.Create("c-1", CustomerTier.Silver, TimeSpan.FromDays(2));

        var sequential = facts.Aggregate(start, (profile, fact) => profile.Apply(fact));
        var batched = Batches(facts, new Random(seed + 100)).Aggregate(start, (profile, batch) => profile.Apply(batch));

        Assert.Equal(Json.Of(sequential), Json.Of(batched));
    }

    [Fact]
    public void MerchantScorecard_RoundTrip_SameStateAndBehaviour()
    {
        var facts = MerchantStream(new Random(7), 300);
        var card = MerchantScorecard.Create("m-1").Apply(facts.Take(200));

        var copy = JsonRoundTrip.AssertRoundTrips(card);

        Assert.Equal(Json.Of(card.Apply(facts.Skip(200))), Json.Of(copy.Apply(facts.Skip(200))));
        Assert.Equal(card.Responses, copy.Responses);
        Assert.Equal(card.Satisfaction, copy.Satisfaction);
    }

    [Fact]
    public void CustomerProfile_RoundTrip_SameStateAndBehaviour()
    {
        var facts = CustomerStream(new Random(7), 300);
        var profile = CustomerProfile.Create("c-1", CustomerTier.Vip).Apply(facts.Take(200));

        var copy = JsonRoundTrip.AssertRoundTrips(profile);

        Assert.Equal(Json.Of(profile.Apply(facts.Skip(200))), Json.Of(copy.Apply(facts.Skip(200))));
        Assert.Equal(profile.Complaints, copy.Complaints);
    }

    [Fact]
    public void Facts_RoundTripAsBaseType_KeepConcreteType()
    {
        CustomerFact[] customerFacts = [.. CustomerStream(new Random(3), 50)];
        MerchantFact[] merchantFacts = [.. MerchantStream(new Random(3), 50)];

        Assert.Equal(customerFacts, JsonRoundTrip.AssertRoundTrips(customerFacts));
        Assert.Equal(merchantFacts, JsonRoundTrip.AssertRoundTrips(merchantFacts));
    }

    [Fact]
    public void ReturnAbuseAssessment_RoundTrip_Equal()
    {
        var assessment = new ReturnAbuseAssessment(true, 5, 1);

        Assert.Equal(assessment, JsonRoundTrip.AssertRoundTrips(assessment));
        Assert.Equal(ReturnAbusePolicy.Default.Window, JsonRoundTrip.AssertRoundTrips(ReturnAbusePolicy.Default).Window);
    }

    private static List<IReadOnlyList<T>> Batches<T>(IReadOnlyList<T> items, Random random)
    {
        var batches = new List<IReadOnlyList<T>>();
        for (var i = 0; i < items.Count;)
        {
            var size = random.Next(1, 40);
            batches.Add(items.Skip(i).Take(size).ToList());
            i += size;
        }

        return batches;
    }

    /// <summary>Facts over 20 tickets, time moving forward in hours, with about one in six redelivered.</summary>
    private static List<MerchantFact> MerchantStream(Random random, int count)
    {
        var facts = new List<MerchantFact>();
        var now = T0;
        for (var i = 0; i < count; i++)
        {
            now = now.AddHours(random.Next(0, 12));
            if (facts.Count > 0 && random.Next(6) == 0)
            {
                facts.Add(facts[random.Next(facts.Count)]);
                continue;
            }

            var ticket = $"t-{random.Next(20)}";
            var id = $"e-{i}";
            facts.Add(random.Next(6) switch
            {
                0 => new DisputeOpened(id, ticket, now),
                1 => new MerchantResponded(id, ticket, now, now.AddHours(random.Next(-5, 5))),
                2 => new MerchantDeadlineMissed(id, ticket, now),
                3 => new ResponsibilityDetermined(id, ticket, now, (MerchantLiability)random.Next(4)),
                4 => new SatisfactionRated(id, ticket, now, random.Next(0, 7)),
                _ => new DisputeClosed(id, ticket, now),
            });
        }

        return facts;
    }

    private static List<CustomerFact> CustomerStream(Random random, int count)
    {
        var facts = new List<CustomerFact>();
        var now = T0;
        for (var i = 0; i < count; i++)
        {
            now = now.AddHours(random.Next(0, 12));
            if (facts.Count > 0 && random.Next(6) == 0)
            {
                facts.Add(facts[random.Next(facts.Count)]);
                continue;
            }

            var ticket = $"t-{random.Next(20)}";
            var order = $"o-{random.Next(8)}";
            var id = $"e-{i}";
            facts.Add(random.Next(6) switch
            {
                0 => new ComplaintOpened(id, ticket, now, order, (TicketCategory)random.Next(9)),
                1 => new ComplaintCategoryChanged(id, ticket, now, (TicketCategory)random.Next(9)),
                2 => new ComplaintClosed(id, ticket, now),
                3 => new ComplaintReopened(id, ticket, now),
                4 => new ReturnReceived(id, ticket, now, order),
                _ => new ReturnInspected(id, ticket, now, (InspectionFinding)random.Next(4)),
            });
        }

        return facts;
    }
}

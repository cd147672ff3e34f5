using TicketCluster.Domain;
using TicketCluster.Domain.Parties;
using TicketCluster.Grains.Parties;

namespace TicketCluster.Grains.Tests.Parties;

/// <summary>Which batches of facts change a customer's profile, and so need a write of their own.</summary>
public sealed class PartyTurnTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 11, 0, 5, 0, TimeSpan.Zero);
    private static readonly PartyRetention Retention = PartyRetention.Default;

    private static CustomerProfile Reserved(CustomerProfile profile, string ticketId = "T1") =>
        PartyTurn.Route(profile, "O1", TicketCategory.ProductQuality, ticketId, null, forceNew: false, "fingerprint", Now, Retention).Profile!;

    private static CustomerProfile Apply(CustomerProfile profile, params CustomerFact[] facts) =>
        PartyTurn.Apply(profile, facts, Now.AddMinutes(1), Retention);

    private static ComplaintOpened Opened(string ticketId = "T1") => new($"{ticketId}:1", ticketId, Now, "O1", TicketCategory.ProductQuality);

    [Fact]
    public void Route_NewCustomer_ReservationTrimsSoTheOpeningFactChangesNothing()
    {
        var reserved = Reserved(CustomerProfile.Create("C1", CustomerTier.Regular));

        Assert.Equal(Now, reserved.TrimmedAt);
        Assert.True(PartyTurn.Unchanged(reserved, Apply(reserved, Opened())));
    }

    [Fact]
    public void Route_TrimmedLongAgo_TrimsAgain()
    {
        var profile = CustomerProfile.Create("C1", CustomerTier.Regular) with { TrimmedAt = Now - Retention.TrimInterval };

        Assert.Equal(Now, Reserved(profile).TrimmedAt);
    }

    [Fact]
    public void Unchanged_FactsThatChangeTheProfile_False()
    {
        var reserved = Reserved(CustomerProfile.Create("C1", CustomerTier.Regular));

        Assert.False(PartyTurn.Unchanged(reserved, Apply(reserved, new ComplaintClosed("T1:9", "T1", Now))));
        Assert.False(PartyTurn.Unchanged(reserved, Apply(reserved, new ReturnReceived("T1:5", "T1", Now, "O1"))));
        Assert.False(PartyTurn.Unchanged(reserved, Apply(reserved, new ReturnInspected("T1:6", "T1", Now, InspectionFinding.DamagedByCustomer))));
        Assert.False(PartyTurn.Unchanged(reserved, Apply(reserved, Opened("T2"))));
        Assert.False(PartyTurn.Unchanged(reserved, Apply(reserved, new ComplaintCategoryChanged("T1:3", "T1", Now, TicketCategory.Logistics))));
        Assert.False(PartyTurn.Unchanged(reserved, reserved.WithTier(CustomerTier.Gold)));
    }

    [Fact]
    public void Unchanged_OpeningFactWithoutReservation_False()
    {
        var profile = CustomerProfile.Create("C1", CustomerTier.Regular) with { TrimmedAt = Now };

        Assert.False(PartyTurn.Unchanged(profile, Apply(profile, Opened())));
    }

    [Fact]
    public void Unchanged_StoredWithAppliedEventLog_FalseSoTheLogIsDropped()
    {
        var reserved = Reserved(CustomerProfile.Create("C1", CustomerTier.Regular));
        var withLog = reserved.Apply(Opened());

        Assert.NotEmpty(withLog.Events.Tickets);
        Assert.False(PartyTurn.Unchanged(withLog, Apply(withLog, Opened())));
    }

    [Fact]
    public void Unchanged_EqualContentInOtherLists_True()
    {
        var reserved = Reserved(CustomerProfile.Create("C1", CustomerTier.Regular));
        var copy = reserved with { Complaints = [.. reserved.Complaints] };

        Assert.NotSame(reserved.Complaints, copy.Complaints);
        Assert.True(PartyTurn.Unchanged(reserved, copy));
    }
}

using Orleans.Core.Internal;
using Orleans.Runtime;
using TicketCluster.Domain;
using TicketCluster.Domain.Classification;
using TicketCluster.Domain.Parties;
using TicketCluster.Grains.Customers;
using TicketCluster.Grains.Interfaces;
using TicketCluster.Grains.Parties;
using TicketCluster.Grains.Tests.Support;
using TicketCluster.Grains.Tickets;

namespace TicketCluster.Grains.Tests.Orleans;

/// <summary>A customer writes the facts that change its profile; a batch that changes nothing but a
/// ticket's watermark (a ticket's opening fact, which finds the complaint its intake reserved) waits for
/// the customer's next write, and is harmless when lost.</summary>
public sealed class OrleansCustomerWritesTests() : OrleansClusterTests
{
    private const TicketCategory Category = TicketCategory.ProductQuality;

    private ICustomerGrain Customer => Cluster.Grains.GetGrain<ICustomerGrain>("C1");

    private DateTimeOffset Now => Cluster.Clock.GetUtcNow();

    private long? StoredVersion => Cluster.StoredVersion(GrainTypes.Customer, "C1");

    private PartyGrainState<CustomerProfile> Stored() => Cluster.StoredState<PartyGrainState<CustomerProfile>>(GrainTypes.Customer, "C1");

    private Task<IntakeRoute> ReserveAsync(string ticketId, string orderId) =>
        Customer.RouteIntakeAsync(orderId, Category, ticketId, null, forceNew: false, intakeFingerprint: $"fingerprint-{ticketId}");

    private ComplaintOpened Opened(string ticketId, string orderId) => new($"{ticketId}:1", ticketId, Now, orderId, Category);

    [Fact]
    public async Task OpeningFact_OfReservedComplaint_NotWrittenUntilTheNextChange()
    {
        await ReserveAsync("T1", "O1");
        var reserved = StoredVersion;

        await Customer.ApplyFactsAsync("T1", [new(1, Opened("T1", "O1"))]);

        Assert.Equal(reserved, StoredVersion);
        Assert.False(Stored().Watermarks.ContainsKey("T1"));
        var profile = await Customer.GetAsync();
        Assert.Equal(["T1"], profile.Complaints.Select(c => c.TicketId));

        await Customer.ApplyFactsAsync("T2", [new(1, Opened("T2", "O2"))]);

        Assert.Equal(reserved + 1, StoredVersion);
        var stored = Stored();
        Assert.Equal(1, stored.Watermarks["T1"].Sequence);
        Assert.Equal(1, stored.Watermarks["T2"].Sequence);
        Assert.Equal(["T1", "T2"], stored.Profile!.Complaints.Select(c => c.TicketId));
    }

    [Fact]
    public async Task OpeningFact_Unwritten_ActivationLostThenPushedAgain_AppliedOnceAndLaterFactsWritten()
    {
        await ReserveAsync("T1", "O1");
        var reserved = StoredVersion;
        await Customer.ApplyFactsAsync("T1", [new(1, Opened("T1", "O1"))]);

        await Customer.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Customer.ApplyFactsAsync("T1", [new(1, Opened("T1", "O1"))]);

        Assert.Equal(reserved, StoredVersion);
        var profile = await Customer.GetAsync();
        Assert.Equal(1, profile.ComplaintsWithin(Now, TimeSpan.FromDays(30)));
        Assert.Equal("T1", profile.FindOpenTicket("O1", Category));

        await Customer.ApplyFactsAsync("T1", [new(1, Opened("T1", "O1")), new(2, new ComplaintClosed("T1:9", "T1", Now))]);

        Assert.Equal(reserved + 1, StoredVersion);
        var stored = Stored();
        Assert.Equal(2, stored.Watermarks["T1"].Sequence);
        Assert.Equal(ComplaintStatus.Closed, Assert.Single(stored.Profile!.Complaints).Status);
    }

    [Fact]
    public async Task OpeningFact_WithoutReservation_WrittenAtOnce()
    {
        await Customer.ApplyFactsAsync("T1", [new(1, Opened("T1", "O1"))]);

        Assert.Equal(1, StoredVersion);
        Assert.Equal(["T1"], Stored().Profile!.Complaints.Select(c => c.TicketId));
    }

    [Fact]
    public async Task Intake_CreatedAndPushed_OneCustomerWrite()
    {
        var intake = new IntakeProcess(new OrleansIntakeGrains(Cluster.Grains, Cluster.IntakeKeys), TicketClassifier.Default, () => "T1");

        var result = await intake.SubmitAsync(TestTickets.IntakeFrom(Channel.App, "app-1", "The kettle lid is cracked."), "key-1", CancellationToken.None);
        var routed = StoredVersion;
        await Cluster.Ticket("T1").ReconcileAsync();

        // Deactivation writes the ticket's held acknowledgements: its facts reached the customer.
        await Cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await OrleansCluster.WaitUntilAsync(() => Cluster.StoredState<TicketGrainState>(GrainTypes.Ticket, "T1").PendingCustomerFacts.IsEmpty);
        var ticket = Cluster.StoredState<TicketGrainState>(GrainTypes.Ticket, "T1");

        Assert.Equal(IntakeKind.Created, result.Kind);
        Assert.Equal(1, routed);
        Assert.Equal(routed, StoredVersion);
        Assert.Empty(ticket.PendingCustomerFacts);
        Assert.Equal("T1", (await Customer.GetAsync()).FindOpenTicket("O1", result.Ticket!.Category));
    }
}

using TicketCluster.Domain;
using TicketCluster.Domain.Classification;
using TicketCluster.Grains.Interfaces;
using TicketCluster.Grains.Tests.Support;
using TicketCluster.Grains.Tickets;

namespace TicketCluster.Grains.Tests.Orleans;

/// <summary>The intake process (shared with the legacy runtime) over the Orleans grains.</summary>
public sealed class OrleansIntakeTests() : OrleansClusterTests
{
    private int _next;

    private IntakeProcess Intake() =>
        new(new OrleansIntakeGrains(Cluster.Grains, Cluster.IntakeKeys), TicketClassifier.Default, () => $"T{Interlocked.Increment(ref _next):D6}");

    [Fact]
    public async Task SubmitAsync_ProblemThenSameProblemOnAnotherChannel_CreatedThenMergedIntoIt()
    {
        var intake = Intake();

        var created = await intake.SubmitAsync(GrainHarness.IntakeFrom(Channel.App, "app-1", "The kettle lid is cracked."), "key-1", CancellationToken.None);
        var merged = await intake.SubmitAsync(GrainHarness.IntakeFrom(Channel.Hotline, "call-1", "Calling about the cracked kettle lid."), "key-2", CancellationToken.None);

        Assert.Equal(IntakeKind.Created, created.Kind);
        Assert.Equal(IntakeKind.Merged, merged.Kind);
        Assert.Equal(created.Ticket!.TicketId, merged.Ticket!.TicketId);
        Assert.Equal(2, (await Cluster.Ticket(created.Ticket.TicketId).GetAsync())!.Contacts.Length);
        var customer = await Cluster.Grains.GetGrain<ICustomerGrain>("C1").GetAsync();
        Assert.Equal(created.Ticket.TicketId, customer.FindOpenTicket("O1", created.Ticket.Category));
    }

    [Fact]
    public async Task SubmitAsync_SameKeyAgain_ReplayedFromTheRecordedKey()
    {
        var intake = Intake();
        var request = GrainHarness.IntakeFrom(Channel.App, "app-1", "The kettle lid is cracked.");

        var created = await intake.SubmitAsync(request, "key-1", CancellationToken.None);
        var replayed = await intake.SubmitAsync(request, "key-1", CancellationToken.None);

        Assert.Equal(IntakeKind.Replayed, replayed.Kind);
        Assert.Equal(created.Ticket!.TicketId, replayed.Ticket!.TicketId);
    }

    [Fact]
    public async Task OpenOrMergeAsync_KeyHeldByAnotherTicket_AnswersItsOwnerAndWritesNothing()
    {
        Cluster.IntakeKeys.Hold("intake:customer:C1", "key-T1", "T-owner");

        var turn = await Cluster.Ticket("T1").OpenOrMergeAsync(GrainHarness.OpenCommand("T1", Severity.Urgent), "msg-T1", new IntakeKeys("customer:C1", "key-T1", "fp-T1"));

        Assert.Equal("T-owner", turn.KeyOwner);
        Assert.Null(await Cluster.Ticket("T1").GetAsync());
        Assert.Empty(await Cluster.RemindersAsync("T1"));
        Assert.Null(await Cluster.IntakeKeys.FindOwnerAsync("channel:app:customer:C1", "msg-T1", CancellationToken.None));
    }
}

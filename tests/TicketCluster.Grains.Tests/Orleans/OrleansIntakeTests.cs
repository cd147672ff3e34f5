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
        new(new OrleansIntakeGrains(Cluster.Grains, new NoKeysRecorded()), TicketClassifier.Default, () => $"T{Interlocked.Increment(ref _next):D6}");

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

    /// <summary>No key recorded anywhere: the memory storage keeps no idempotency table.</summary>
    private sealed class NoKeysRecorded : IIntakeKeyLookup
    {
        public Task<string?> FindOwnerAsync(string scope, string key, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
    }
}

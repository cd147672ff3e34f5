using System.Text.Json;
using TicketCluster.Domain;
using TicketCluster.Domain.Classification;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Interfaces;
using TicketCluster.Grains.Serialization;
using TicketCluster.Grains.Tests.Support;
using TicketCluster.Grains.Tickets;

namespace TicketCluster.Grains.Tests.Orleans;

/// <summary>The intake process over the Orleans grains and the intake keys the ticket writes record.</summary>
public sealed class OrleansIntakeTests() : OrleansClusterTests
{
    private readonly CancellationToken _ct = CancellationToken.None;
    private int _next;

    private IntakeProcess Intake() =>
        new(new OrleansIntakeGrains(Cluster.Grains, Cluster.IntakeKeys), TicketClassifier.Default, () => $"T{Interlocked.Increment(ref _next):D6}");

    private Task<IntakeResult> SubmitAsync(IntakeRequest request, string? key = null) => Intake().SubmitAsync(request, key, _ct);

    private async Task<string> ProfileJsonAsync(string customerId) =>
        JsonSerializer.Serialize(await Cluster.Grains.GetGrain<ICustomerGrain>(customerId).GetAsync(), DomainJson.Options);

    [Fact]
    public async Task SubmitAsync_ProblemThenSameProblemOnAnotherChannel_CreatedThenMergedIntoIt()
    {
        var created = await SubmitAsync(TestTickets.IntakeFrom(Channel.App, "app-1", "The kettle lid is cracked."), "key-1");
        var merged = await SubmitAsync(TestTickets.IntakeFrom(Channel.Hotline, "call-1", "Calling about the cracked kettle lid."), "key-2");

        Assert.Equal(IntakeKind.Created, created.Kind);
        Assert.Equal(IntakeKind.Merged, merged.Kind);
        Assert.Equal(created.Ticket!.TicketId, merged.Ticket!.TicketId);
        Assert.Equal(2, merged.Ticket.Contacts.Length);
        Assert.Equal(2, (await Cluster.Ticket(created.Ticket.TicketId).GetAsync())!.Contacts.Length);
        var customer = await Cluster.Grains.GetGrain<ICustomerGrain>("C1").GetAsync();
        Assert.Equal(created.Ticket.TicketId, customer.FindOpenTicket("O1", created.Ticket.Category));
    }

    [Fact]
    public async Task SubmitAsync_NewProblem_CreatedClassifiedAndReasonsKeptOnTicket()
    {
        var result = await SubmitAsync(TestTickets.IntakeFrom(Channel.App, "app-1", "充电器起火了，差点烧到孩子"));

        Assert.Equal(IntakeKind.Created, result.Kind);
        Assert.Equal(Severity.Urgent, result.Ticket!.Severity);
        var classified = (await Cluster.Ticket(result.Ticket.TicketId).GetAsync())!.Classified!;
        Assert.Equal((TicketCategory.ProductQuality, Severity.Urgent), (classified.Category, classified.Severity));
        Assert.Equal(result.Classification!.Reasons, classified.Reasons);
        Assert.Contains(classified.Reasons, r => r.Signal == "fire-smoke-heat" && r.Language == "zh-CN");
    }

    [Fact]
    public async Task SubmitAsync_SameKeyAgain_ReplayedFromTheRecordedKey()
    {
        var request = TestTickets.IntakeFrom(Channel.WebForm, null, "The kettle lid is cracked.");

        var created = await SubmitAsync(request, "key-1");
        var replayed = await SubmitAsync(request, "key-1");

        Assert.Equal(IntakeKind.Replayed, replayed.Kind);
        Assert.Equal(created.Ticket!.TicketId, replayed.Ticket!.TicketId);
    }

    [Fact]
    public async Task SubmitAsync_SameChannelMessageAgain_ReplayedSameTicket()
    {
        var first = await SubmitAsync(TestTickets.IntakeFrom(Channel.Email, "mail-42", "The kettle leaks."));

        var second = await SubmitAsync(TestTickets.IntakeFrom(Channel.Email, "mail-42", "The kettle leaks."));

        Assert.Equal(IntakeKind.Replayed, second.Kind);
        Assert.Equal(first.Ticket!.TicketId, second.Ticket!.TicketId);
    }

    [Fact]
    public async Task SubmitAsync_ConcurrentIntakesOfOneProblem_OneTicketWithEveryContact()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(i => SubmitAsync(TestTickets.IntakeFrom(Channel.Chat, $"chat-{i}", "The kettle leaks."))));

        var created = Assert.Single(results, r => r.Kind == IntakeKind.Created);
        Assert.Single(results.Select(r => r.Ticket!.TicketId).Distinct());
        Assert.Equal(8, (await Cluster.Ticket(created.Ticket!.TicketId).GetAsync())!.Contacts.Length);
    }

    [Fact]
    public async Task SubmitAsync_OtherOrder_NewTicket()
    {
        var first = await SubmitAsync(TestTickets.IntakeFrom(Channel.App, "app-1", "The kettle leaks."));

        var second = await SubmitAsync(TestTickets.IntakeFrom(Channel.App, "app-2", "The kettle leaks.", orderId: "O2"));

        Assert.Equal(IntakeKind.Created, second.Kind);
        Assert.NotEqual(first.Ticket!.TicketId, second.Ticket!.TicketId);
    }

    [Fact]
    public async Task SubmitAsync_InvalidIntake_RefusedAndReservationWithdrawn()
    {
        var result = await SubmitAsync(TestTickets.IntakeFrom(Channel.App, "app-1", ""));

        Assert.Equal(IntakeKind.Refused, result.Kind);
        Assert.IsType<ValidationFailed>(result.Rejection);
        var profile = await Cluster.Grains.GetGrain<ICustomerGrain>("C1").GetAsync();
        Assert.Null(profile.FindOpenTicket("O1", TicketCategory.Other));
        Assert.DoesNotContain(profile.Complaints, c => c.Status == Domain.Parties.ComplaintStatus.Open);
    }

    [Fact]
    public async Task SubmitAsync_RefusedAfterReservation_CustomerProfileAsBefore()
    {
        var gateway = TestTickets.IntakeFrom(Channel.App, "app-1", "The kettle leaks.") with { Submitter = "channel:web", StatedTier = CustomerTier.Vip };
        var created = await SubmitAsync(gateway);
        await Cluster.Ticket(created.Ticket!.TicketId).ReconcileAsync();
        var before = await ProfileJsonAsync("C1");

        // Another order, a regular tier stated, and a body the domain refuses after the reservation.
        var invalid = gateway with { ExternalId = "app-2", Order = TestTickets.Order("O2"), StatedTier = CustomerTier.Regular, Description = "" };
        var result = await SubmitAsync(invalid);

        Assert.Equal(IntakeKind.Refused, result.Kind);
        Assert.Equal(before, await ProfileJsonAsync("C1"));
    }

    [Fact]
    public async Task SubmitAsync_CustomerNamingAnotherCustomer_RefusedAndVictimUntouched()
    {
        var created = await SubmitAsync(TestTickets.IntakeFrom(Channel.App, "app-1", "The kettle leaks.", customerId: "victim"));
        await Cluster.Ticket(created.Ticket!.TicketId).ReconcileAsync();
        var before = await ProfileJsonAsync("victim");
        var stranger = TestTickets.IntakeFrom(Channel.App, null, "The kettle leaks.", customerId: "victim", orderId: "O9") with
        {
            Submitter = "customer:stranger",
            Actor = new Actor("stranger", ActorRole.Customer),
        };

        for (var i = 0; i < 3; i++)
        {
            Assert.IsType<ActorNotPermitted>((await SubmitAsync(stranger, $"key-{i}")).Rejection);
        }

        Assert.Equal(before, await ProfileJsonAsync("victim"));
    }

    [Fact]
    public async Task SubmitAsync_SameKeyAnotherBody_KeyReused()
    {
        var first = await SubmitAsync(TestTickets.IntakeFrom(Channel.WebForm, null, "The kettle leaks."), "key-1");

        var second = await SubmitAsync(TestTickets.IntakeFrom(Channel.WebForm, null, "The kettle is scratched.", orderId: "O2"), "key-1");

        Assert.Equal(IntakeKind.Created, first.Kind);
        Assert.Equal(IntakeKind.KeyReused, second.Kind);
        Assert.Null(second.Ticket);
    }

    [Fact]
    public async Task SubmitAsync_SameKeyAndMessageIdFromAnotherSubmitter_NewToThem()
    {
        var first = await SubmitAsync(TestTickets.IntakeFrom(Channel.Email, "mail-1", "The kettle leaks.", customerId: "C1"), "key-1");

        var other = await SubmitAsync(TestTickets.IntakeFrom(Channel.Email, "mail-1", "The kettle leaks.", customerId: "C2"), "key-1");

        Assert.Equal(IntakeKind.Created, other.Kind);
        Assert.NotEqual(first.Ticket!.TicketId, other.Ticket!.TicketId);
        Assert.Equal("C2", other.Ticket.Customer.Id);
    }

    [Fact]
    public async Task SubmitAsync_NoTierStated_ProfileTierKeptAndClassifiedWithIt()
    {
        await SubmitAsync(TestTickets.IntakeFrom(Channel.App, "app-1", "The kettle leaks.") with { Submitter = "channel:web", StatedTier = CustomerTier.Vip });

        var own = await SubmitAsync(TestTickets.IntakeFrom(Channel.App, "app-2", "The kettle leaks.", orderId: "O2"));

        Assert.Equal(CustomerTier.Vip, own.Ticket!.Customer.Tier);
        Assert.Equal(CustomerTier.Vip, (await Cluster.Grains.GetGrain<ICustomerGrain>("C1").GetAsync()).Tier);
    }

    [Fact]
    public async Task SubmitAsync_RetryAfterAnAttemptDiedPastItsReservation_NotARepeatOfItself()
    {
        // The first attempt reserved its ticket on the customer's profile, then its silo died before the
        // ticket was written; the gateway retries the same intake.
        var intake = TestTickets.IntakeFrom(Channel.App, "app-1", "The kettle leaks.");
        await Cluster.Grains.GetGrain<ICustomerGrain>("C1").RouteIntakeAsync("O1", TicketCategory.ProductQuality, "T-first-attempt", null, false, RequestFingerprint.Of(intake));

        var retry = await SubmitAsync(intake, "key-1");
        var another = await SubmitAsync(TestTickets.IntakeFrom(Channel.App, "app-2", "The kettle's lid is cracked.", orderId: "O1") with { Category = TicketCategory.Logistics });

        Assert.Equal(IntakeKind.Created, retry.Kind);
        Assert.Equal("T-first-attempt", retry.Ticket!.TicketId);
        Assert.Equal(Severity.Normal, retry.Ticket.Severity);
        Assert.DoesNotContain(retry.Classification!.Reasons, r => r.Rule == ClassificationRule.RepeatOrderComplaint);
        Assert.Equal(Severity.Serious, another.Ticket!.Severity);
    }

    [Fact]
    public async Task OpenOrMergeAsync_KeyHeldByAnotherTicket_AnswersItsOwnerAndWritesNothing()
    {
        var holder = await Cluster.Ticket("T-owner").OpenOrMergeAsync(TestTickets.OpenCommand("T-owner", Severity.Urgent), "msg-T-owner", new IntakeKeys("customer:C1", "key-T1", "fp-T-owner"));
        Assert.True(holder.Opened, holder.Outcome.ToString());

        var turn = await Cluster.Ticket("T1").OpenOrMergeAsync(TestTickets.OpenCommand("T1", Severity.Urgent), "msg-T1", new IntakeKeys("customer:C1", "key-T1", "fp-T1"));

        Assert.Equal("T-owner", turn.KeyOwner);
        Assert.Null(await Cluster.Ticket("T1").GetAsync());
        Assert.Null(await Cluster.RowAsync("T1"));
        Assert.Empty(await Cluster.RemindersAsync("T1"));
        Assert.Null(await Cluster.IntakeKeys.FindOwnerAsync("channel:app:customer:C1", "msg-T1", _ct));
        Assert.Equal("T-owner", await Cluster.IntakeKeys.FindOwnerAsync("channel:app:customer:C1", "msg-T-owner", _ct));
    }
}

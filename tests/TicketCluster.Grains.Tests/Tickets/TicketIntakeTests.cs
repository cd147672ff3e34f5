using TicketCluster.Domain;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Customers;
using TicketCluster.Grains.Tests.Support;
using TicketCluster.Grains.Tickets;
using CustomerGrain = TicketCluster.Grains.Legacy.CustomerGrain;

namespace TicketCluster.Grains.Tests.Tickets;

public sealed class TicketIntakeTests : IAsyncDisposable
{
    private readonly GrainHarness _h = new();
    private readonly CancellationToken _ct = CancellationToken.None;

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    [Fact]
    public async Task SubmitAsync_NewProblem_CreatedAndClassified()
    {
        var result = await _h.Intake.SubmitAsync(GrainHarness.IntakeFrom(Channel.App, "app-1", "充电器起火了，差点烧到孩子"), null, _ct);

        Assert.Equal(IntakeKind.Created, result.Kind);
        Assert.Equal(Severity.Urgent, result.Ticket!.Severity);
        Assert.NotEmpty(result.Classification!.Reasons);
    }

    [Fact]
    public async Task SubmitAsync_NewProblem_ReasonsKeptOnTicketState()
    {
        var result = await _h.Intake.SubmitAsync(GrainHarness.IntakeFrom(Channel.App, "app-1", "充电器起火了，差点烧到孩子"), null, _ct);

        var classified = result.Ticket!.Classified!;
        Assert.Equal((TicketCategory.ProductQuality, Severity.Urgent), (classified.Category, classified.Severity));
        Assert.Equal(result.Classification!.Reasons, classified.Reasons);
        Assert.Contains(classified.Reasons, r => r.Signal == "fire-smoke-heat" && r.Language == "zh-CN");
    }

    [Fact]
    public async Task SubmitAsync_SameIdempotencyKeyAgain_ReplayedSameTicket()
    {
        var first = await _h.Intake.SubmitAsync(GrainHarness.IntakeFrom(Channel.WebForm, null, "The kettle leaks."), "key-1", _ct);

        var second = await _h.Intake.SubmitAsync(GrainHarness.IntakeFrom(Channel.WebForm, null, "The kettle leaks."), "key-1", _ct);

        Assert.Equal(IntakeKind.Replayed, second.Kind);
        Assert.Equal(first.Ticket!.TicketId, second.Ticket!.TicketId);
    }

    [Fact]
    public async Task SubmitAsync_SameChannelMessageAgain_ReplayedSameTicket()
    {
        var first = await _h.Intake.SubmitAsync(GrainHarness.IntakeFrom(Channel.Email, "mail-42", "The kettle leaks."), null, _ct);

        var second = await _h.Intake.SubmitAsync(GrainHarness.IntakeFrom(Channel.Email, "mail-42", "The kettle leaks."), null, _ct);

        Assert.Equal(IntakeKind.Replayed, second.Kind);
        Assert.Equal(first.Ticket!.TicketId, second.Ticket!.TicketId);
    }

    [Fact]
    public async Task SubmitAsync_SameProblemOnAnotherChannel_MergedAsContact()
    {
        var first = await _h.Intake.SubmitAsync(GrainHarness.IntakeFrom(Channel.App, "app-1", "The kettle leaks."), null, _ct);

        var second = await _h.Intake.SubmitAsync(GrainHarness.IntakeFrom(Channel.Hotline, "call-9", "Calling about my leaking kettle."), null, _ct);

        Assert.Equal(IntakeKind.Merged, second.Kind);
        Assert.Equal(first.Ticket!.TicketId, second.Ticket!.TicketId);
        Assert.Equal(2, second.Ticket.Contacts.Length);
    }

    [Fact]
    public async Task SubmitAsync_ConcurrentIntakesOfOneProblem_OneTicket()
    {
        var intakes = Enumerable.Range(0, 8)
            .Select(i => _h.Intake.SubmitAsync(GrainHarness.IntakeFrom(Channel.Chat, $"chat-{i}", "The kettle leaks."), null, _ct))
            .ToList();

        var results = await Task.WhenAll(intakes);

        Assert.Single(results.Select(r => r.Ticket!.TicketId).Distinct());
        Assert.Equal(1, results.Count(r => r.Kind == IntakeKind.Created));
        Assert.Equal(8, results.Single(r => r.Kind == IntakeKind.Created).Ticket!.TicketId is { } id
            ? (await _h.Ticket(id).InvokeAsync(g => g.GetAsync()))!.Contacts.Length
            : 0);
    }

    [Fact]
    public async Task SubmitAsync_OtherOrder_NewTicket()
    {
        var first = await _h.Intake.SubmitAsync(GrainHarness.IntakeFrom(Channel.App, "app-1", "The kettle leaks."), null, _ct);

        var second = await _h.Intake.SubmitAsync(GrainHarness.IntakeFrom(Channel.App, "app-2", "The kettle leaks.", orderId: "O2"), null, _ct);

        Assert.Equal(IntakeKind.Created, second.Kind);
        Assert.NotEqual(first.Ticket!.TicketId, second.Ticket!.TicketId);
    }

    [Fact]
    public async Task SubmitAsync_InvalidIntake_RefusedAndReservationWithdrawn()
    {
        var invalid = GrainHarness.IntakeFrom(Channel.App, "app-1", "") with { };

        var result = await _h.Intake.SubmitAsync(invalid, null, _ct);

        Assert.Equal(IntakeKind.Refused, result.Kind);
        Assert.IsType<ValidationFailed>(result.Rejection);
        var profile = await _h.Runtime.GetGrain<CustomerGrain>("C1").InvokeAsync(g => g.GetAsync());
        Assert.Null(profile.FindOpenTicket("O1", TicketCategory.Other));
        Assert.DoesNotContain(profile.Complaints, c => c.Status == Domain.Parties.ComplaintStatus.Open);
    }

    [Fact]
    public async Task SubmitAsync_RefusedAfterReservation_CustomerProfileAsBefore()
    {
        var gateway = GrainHarness.IntakeFrom(Channel.App, "app-1", "The kettle leaks.") with
        {
            Submitter = "channel:web",
            StatedTier = CustomerTier.Vip,
        };
        await _h.Intake.SubmitAsync(gateway, null, _ct);
        await DrainOutboxAsync();
        var before = await ProfileJsonAsync("C1");

        // Another order, a regular tier stated, and a body the domain refuses after the reservation.
        var invalid = gateway with { ExternalId = "app-2", Order = GrainHarness.Order("O2"), StatedTier = CustomerTier.Regular, Description = "" };
        var result = await _h.Intake.SubmitAsync(invalid, null, _ct);

        Assert.Equal(IntakeKind.Refused, result.Kind);
        Assert.Equal(before, await ProfileJsonAsync("C1"));
    }

    [Fact]
    public async Task SubmitAsync_CustomerNamingAnotherCustomer_RefusedAndVictimUntouched()
    {
        await _h.Intake.SubmitAsync(GrainHarness.IntakeFrom(Channel.App, "app-1", "The kettle leaks.", customerId: "victim"), null, _ct);
        await DrainOutboxAsync();
        var before = await ProfileJsonAsync("victim");
        var stranger = GrainHarness.IntakeFrom(Channel.App, null, "The kettle leaks.", customerId: "victim", orderId: "O9") with
        {
            Submitter = "customer:stranger",
            Actor = new Actor("stranger", ActorRole.Customer),
        };

        for (var i = 0; i < 3; i++)
        {
            var result = await _h.Intake.SubmitAsync(stranger, $"key-{i}", _ct);
            Assert.IsType<ActorNotPermitted>(result.Rejection);
        }

        Assert.Equal(before, await ProfileJsonAsync("victim"));
    }

    [Fact]
    public async Task SubmitAsync_SameKeyAnotherBody_KeyReused()
    {
        var first = await _h.Intake.SubmitAsync(GrainHarness.IntakeFrom(Channel.WebForm, null, "The kettle leaks."), "key-1", _ct);

        var second = await _h.Intake.SubmitAsync(GrainHarness.IntakeFrom(Channel.WebForm, null, "The kettle is scratched.", orderId: "O2"), "key-1", _ct);

        Assert.Equal(IntakeKind.Created, first.Kind);
        Assert.Equal(IntakeKind.KeyReused, second.Kind);
        Assert.Null(second.Ticket);
    }

    [Fact]
    public async Task SubmitAsync_SameKeyAndMessageIdFromAnotherSubmitter_NewToThem()
    {
        var first = await _h.Intake.SubmitAsync(GrainHarness.IntakeFrom(Channel.Email, "mail-1", "The kettle leaks.", customerId: "C1"), "key-1", _ct);

        var other = await _h.Intake.SubmitAsync(GrainHarness.IntakeFrom(Channel.Email, "mail-1", "The kettle leaks.", customerId: "C2"), "key-1", _ct);

        Assert.Equal(IntakeKind.Created, other.Kind);
        Assert.NotEqual(first.Ticket!.TicketId, other.Ticket!.TicketId);
        Assert.Equal("C2", other.Ticket.Customer.Id);
    }

    [Fact]
    public async Task SubmitAsync_NoTierStated_ProfileTierKeptAndClassifiedWithIt()
    {
        var gateway = GrainHarness.IntakeFrom(Channel.App, "app-1", "The kettle leaks.") with { Submitter = "channel:web", StatedTier = CustomerTier.Vip };
        await _h.Intake.SubmitAsync(gateway, null, _ct);

        var own = await _h.Intake.SubmitAsync(GrainHarness.IntakeFrom(Channel.App, "app-2", "The kettle leaks.", orderId: "O2"), null, _ct);

        Assert.Equal(CustomerTier.Vip, own.Ticket!.Customer.Tier);
        Assert.Equal(CustomerTier.Vip, (await _h.Runtime.GetGrain<CustomerGrain>("C1").InvokeAsync(g => g.GetAsync())).Tier);
    }

    [Fact]
    public async Task SubmitAsync_RetryAfterAnAttemptDiedPastItsReservation_NotARepeatOfItself()
    {
        // The first attempt reserved its ticket on the customer's profile, then its node died before the
        // ticket was written; the gateway retries the same intake.
        var intake = GrainHarness.IntakeFrom(Channel.App, "app-1", "The kettle leaks.");
        var fingerprint = RequestFingerprint.Of(intake);
        await _h.Runtime.GetGrain<CustomerGrain>("C1").InvokeAsync(g => g.RouteIntakeAsync("O1", TicketCategory.ProductQuality, "T-first-attempt", null, false, fingerprint));

        var retry = await _h.Intake.SubmitAsync(intake, "key-1", _ct);
        var another = await _h.Intake.SubmitAsync(GrainHarness.IntakeFrom(Channel.App, "app-2", "The kettle's lid is cracked.", orderId: "O1") with { Category = TicketCategory.Logistics }, null, _ct);

        Assert.Equal(IntakeKind.Created, retry.Kind);
        Assert.Equal("T-first-attempt", retry.Ticket!.TicketId);
        Assert.Equal(Severity.Normal, retry.Ticket.Severity);
        Assert.DoesNotContain(retry.Classification!.Reasons, r => r.Rule == Domain.Classification.ClassificationRule.RepeatOrderComplaint);
        Assert.Equal(Severity.Serious, another.Ticket!.Severity);
    }

    private async Task DrainOutboxAsync()
    {
        while (await _h.Runtime.RunOutboxRoundAsync(_ct) > 0)
        {
        }
    }

    private async Task<string> ProfileJsonAsync(string customerId) =>
        System.Text.Json.JsonSerializer.Serialize(await _h.Runtime.GetGrain<CustomerGrain>(customerId).ReadAsync(g => g.GetAsync()));
}

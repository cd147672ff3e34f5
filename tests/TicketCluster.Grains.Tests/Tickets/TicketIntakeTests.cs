using TicketCluster.Domain;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Customers;
using TicketCluster.Grains.Tests.Support;
using TicketCluster.Grains.Tickets;

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
}

using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Tests.Support;

namespace TicketCluster.Grains.Tests.Tickets;

/// <summary>The ticket grain writes how the ticket ended into its query row, which the summary report counts.</summary>
public sealed class TicketOutcomeRowTests : IAsyncDisposable
{
    private readonly GrainHarness _h = new();

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    private async Task<string?> OutcomeAfterAsync(string ticketId, TicketCommand command)
    {
        await _h.OpenAsync(ticketId, customerId: "C-" + ticketId, orderId: "O-" + ticketId);
        Assert.Null((await _h.Storage.ReadTicketRowAsync(ticketId, CancellationToken.None))!.Outcome);

        var outcome = await _h.SendAsync(ticketId, command);

        Assert.True(outcome.IsAccepted, outcome.ToString());
        return (await _h.Storage.ReadTicketRowAsync(ticketId, CancellationToken.None))!.Outcome;
    }

    [Fact]
    public async Task QueryRow_AnsweredOnTheSpot_OutcomeAnsweredOnTheSpot()
    {
        var outcome = await OutcomeAfterAsync("T1", new AnswerOnTheSpot("Hold the button.") { Actor = GrainHarness.Agent });

        Assert.Equal("answered-on-the-spot", outcome);
    }

    [Fact]
    public async Task QueryRow_DeclinedForFraud_OutcomeDeclinedFraud()
    {
        var outcome = await OutcomeAfterAsync("T2", new DeclineTicket(DeclineReason.Fraud, "Swapped item.") { Actor = GrainHarness.Agent });

        Assert.Equal("declined-fraud", outcome);
    }

    [Fact]
    public async Task QueryRow_DuplicateAndSpam_TheirOwnOutcomes()
    {
        Assert.Equal("duplicate", await OutcomeAfterAsync("T3", new CloseAsDuplicate("T9", null) { Actor = GrainHarness.Agent, Original = new TicketReference("T9", null, null) }));
        Assert.Equal("spam", await OutcomeAfterAsync("T4", new CloseAsSpam("Advertising.") { Actor = GrainHarness.Agent }));
    }
}

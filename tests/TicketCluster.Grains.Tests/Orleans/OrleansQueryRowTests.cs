using TicketCluster.Domain;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Tests.Support;

namespace TicketCluster.Grains.Tests.Orleans;

/// <summary>The ticket's row in the query table, written by the provider with the ticket's state: what
/// work queues list and the summary report counts.</summary>
public sealed class OrleansQueryRowTests() : OrleansClusterTests
{
    [Fact]
    public async Task OpenOrMergeAsync_NewTicket_QueryRowWrittenWithState()
    {
        var ticket = await OrleansTicketClockTests.OpenAsync(Cluster.Ticket("T1"), "T1", Severity.Serious);

        var row = await Cluster.RowAsync("T1");

        Assert.NotNull(row);
        Assert.Equal(("open", "serious", "product-quality", "M1"), (row.Status, row.Severity, row.Category, row.MerchantId));
        Assert.Equal(ticket.OpenedAt + TimeSpan.FromHours(4), row.NextDeadline);
        Assert.Equal(ticket.PendingTicks.Min(t => t.DueAt), row.NextTickAt);
    }

    [Fact]
    public async Task ExecuteAsync_AnsweredOnTheSpot_OutcomeAnsweredOnTheSpot() =>
        Assert.Equal("answered-on-the-spot", await OutcomeAfterAsync("T1", new AnswerOnTheSpot("Hold the button.") { Actor = TestTickets.Agent }));

    [Fact]
    public async Task ExecuteAsync_DeclinedForFraud_OutcomeDeclinedFraud() =>
        Assert.Equal("declined-fraud", await OutcomeAfterAsync("T2", new DeclineTicket(DeclineReason.Fraud, "Swapped item.") { Actor = TestTickets.Agent }));

    [Fact]
    public async Task ExecuteAsync_DuplicateAndSpam_TheirOwnOutcomes()
    {
        Assert.Equal("duplicate", await OutcomeAfterAsync("T3", new CloseAsDuplicate("T9", null) { Actor = TestTickets.Agent, Original = new TicketReference("T9", null, null) }));
        Assert.Equal("spam", await OutcomeAfterAsync("T4", new CloseAsSpam("Advertising.") { Actor = TestTickets.Agent }));
    }

    private async Task<string?> OutcomeAfterAsync(string ticketId, TicketCommand command)
    {
        await OrleansTicketClockTests.OpenAsync(Cluster.Ticket(ticketId), ticketId, Severity.Normal, "C-" + ticketId, "O-" + ticketId);
        Assert.Null((await Cluster.RowAsync(ticketId))!.Outcome);

        var outcome = await Cluster.Ticket(ticketId).ExecuteAsync(command, null, null);

        Assert.True(outcome.IsAccepted, outcome.ToString());
        return (await Cluster.RowAsync(ticketId))!.Outcome;
    }
}

using TicketCluster.Client.Contracts;
using TicketCluster.Domain;
using TicketCluster.Domain.Tickets;

namespace TicketCluster.Silo.Tests.Paths;

// Intake paths: one ticket per problem whatever the channel, and one ticket per intake whatever the retries.
public abstract partial class ProcessPathTests
{
    [Fact]
    public async Task SameComplaintFromSecondChannel_MergedIntoTheFirstTicket()
    {
        var web = await Channel().SubmitTicketAsync(Complaint(category: TicketCategory.ProductQuality, externalId: "web-" + _run));
        var hotline = await Channel("hotline-gateway").SubmitTicketAsync(
            Complaint("Calling about the cracked kettle lid again.", Domain.Channel.Hotline, category: TicketCategory.ProductQuality, externalId: "call-" + _run));

        Assert.Equal(IntakeOutcome.Created, web.Outcome);
        Assert.Equal(IntakeOutcome.Merged, hotline.Outcome);
        Assert.Equal(web.Ticket.Id, hotline.Ticket.Id);
        Assert.Equal([Domain.Channel.WebForm, Domain.Channel.Hotline], hotline.Ticket.Contacts!.Select(c => c.Channel));
        Assert.Equal(Domain.Channel.WebForm, hotline.Ticket.Channel);
        var events = await Agent().GetEventsAsync(web.Ticket.Id);
        Assert.Single(events, e => e.Type == "opened");
        var contact = Assert.Single(events, e => e.Type == "contact-added");
        Assert.Equal("call-" + _run, contact.Field<ContactRecord>("contact")!.ExternalId);
    }

    [Fact]
    public async Task IntakeRetriedWithSameIdempotencyKey_CreatesOneTicket()
    {
        var key = "intake-" + _run;
        var channel = Channel();

        var first = await channel.SubmitTicketAsync(Complaint(), key);
        // The gateway timed out and retries, twice at once: both answers name the first ticket.
        var retries = await Task.WhenAll(channel.SubmitTicketAsync(Complaint(), key), channel.SubmitTicketAsync(Complaint(), key));

        Assert.Equal(IntakeOutcome.Created, first.Outcome);
        Assert.All(retries, r => Assert.Equal((IntakeOutcome.Replayed, first.Ticket.Id), (r.Outcome, r.Ticket.Id)));
        var ticket = await Agent().GetTicketAsync(first.Ticket.Id);
        Assert.Single(ticket.Contacts!);
        Assert.Single(await Agent().GetEventsAsync(first.Ticket.Id), e => e.Type == "opened");
        var profile = await Silo.Grains.GetGrain<Grains.Interfaces.ICustomerGrain>(CustomerId).GetAsync();
        Assert.Equal([first.Ticket.Id], profile.Complaints.Select(c => c.TicketId));
    }
}

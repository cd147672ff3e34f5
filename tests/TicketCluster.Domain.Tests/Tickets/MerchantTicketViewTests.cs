using System.Text.Json;
using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;
using static TicketCluster.Domain.Tests.Tickets.TicketFixtures;
using K = TicketCluster.Domain.Tickets.TicketCommandKind;
using S = TicketCluster.Domain.Tickets.TicketStatus;

namespace TicketCluster.Domain.Tests.Tickets;

public sealed class MerchantTicketViewTests
{
    // Chinese text is written as is, so a raw name would show up in the string search below.
    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void From_Ticket_MasksCustomerPersonalData()
    {
        var state = new TicketDriver().To(S.AwaitingMerchant).Ticket;

        var view = MerchantTicketView.From(state);

        Assert.Equal(new MaskedCustomer("张*", "138****1234", "a***@example.com", "杭州市"), view.Customer);
    }

    [Fact]
    public void From_PersonalDataInFreeText_RedactedInDescriptionEvidencePlanAndReasoning()
    {
        var driver = new TicketDriver();
        driver.Must(Open() with
        {
            Description = "Kettle leaks. Call 13812341234 or alice@example.com, 文三路 100 号.",
            Evidence = [Photo with { Note = "photo taken at 1 Chang'an Avenue" }],
        });
        driver.Must(new AcknowledgeTicket("On it.") { Actor = Agent });
        driver.Must(new AssignTicket(Department.ProductQuality, "a-1") { Actor = Supervisor });
        driver.Must(new DetermineResponsibility(ResponsibleParty.Merchant, "Customer (13812341234) showed the seal.") { Actor = Agent });
        driver.Must(new ProposeResolution(ApologyPlan() with { Note = "Sorry; we will call 13812341234." }) { Actor = Agent });

        var view = MerchantTicketView.From(driver.Ticket);

        Assert.Equal("Kettle leaks. Call 138****1234 or a***@example.com, [address].", view.Description);
        Assert.Equal("photo taken at [address]", view.Evidence[0].Note);
        Assert.Equal("Customer (138****1234) showed the seal.", view.Responsibility?.Reason);
        Assert.Equal("Sorry; we will call 138****1234.", view.Plan?.Note);
    }

    [Fact]
    public void From_Ticket_JsonCarriesNoRawPersonalData()
    {
        var state = new TicketDriver().To(S.AwaitingMerchant).Ticket;

        var json = JsonSerializer.Serialize(MerchantTicketView.From(state), Unescaped);

        Assert.DoesNotContain("张三", json, StringComparison.Ordinal);
        Assert.DoesNotContain("13812341234", json, StringComparison.Ordinal);
        Assert.DoesNotContain("alice", json, StringComparison.Ordinal);
        Assert.DoesNotContain("文三路", json, StringComparison.Ordinal);
        Assert.DoesNotContain("c-1", json, StringComparison.Ordinal);
    }

    [Fact]
    public void From_AwaitingMerchant_ShowsResponseDeadline()
    {
        var driver = new TicketDriver().To(S.AwaitingMerchant);

        var view = MerchantTicketView.From(driver.Ticket);

        Assert.Equal(driver.Now + TimeSpan.FromHours(48), view.MerchantResponseDueAt);
    }

    [Fact]
    public void From_AfterMerchantResponded_NoDeadlineAndPositionShown()
    {
        var driver = new TicketDriver().To(S.AwaitingMerchant);
        var due = driver.Ticket.Clock(ClockKind.MerchantResponse)!.DueAt;
        var responded = driver.Must(Sample(K.MerchantResponse, driver.State)).OfType<MerchantResponded>().Single();
        Assert.Equal(due, responded.DueAt);

        var view = MerchantTicketView.From(driver.Ticket);

        Assert.Null(view.MerchantResponseDueAt);
        Assert.Equal(MerchantPosition.Dispute, view.MerchantPosition);
        Assert.Equal(ClockStatus.Met, driver.Ticket.Clock(ClockKind.MerchantResponse)!.Status);
    }
}

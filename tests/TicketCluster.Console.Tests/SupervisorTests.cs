using Microsoft.Playwright;
using TicketCluster.Client;
using TicketCluster.Domain;
using TicketCluster.Domain.Tickets;
using TicketCluster.Silo.Auth;
using TicketCluster.WebConsole.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TicketCluster.WebConsole.Tests;

public sealed class SupervisorTests(ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>
{
    [Fact]
    public async Task Approvals_PlanOverThreshold_ApprovedFromTheInbox()
    {
        var id = await browser.OpenTicketAsync(customerId: "c-approve", orderId: "o-approve", amount: 3000m);
        var agent = browser.Client(ApiRole.Agent, "alice");
        await agent.AcknowledgeAsync(id, "We are looking into it.");
        await agent.AssignAsync(id, Department.CustomerService, "alice");
        await agent.ProposeResolutionAsync(id, new ResolutionPlan(ResolutionKind.Refund, new Money(1500m, "CNY")));
        var page = await browser.SignInAsync("supervisor", "sam");

        await page.GotoAsync("/console/approvals");
        var approval = page.Locator($"[data-approval='{id}']");
        await Expect(approval.GetByTestId("plan")).ToContainTextAsync("refund 1500");
        await approval.Locator("[data-command='approve-resolution']").ClickAsync();
        await approval.GetByTestId("send").ClickAsync();

        await Expect(approval).ToHaveCountAsync(0);
        Assert.Equal(TicketStatus.AwaitingConfirmation, (await agent.GetTicketAsync(id)).Status);
    }

    [Fact]
    public async Task Escalations_TicketEscalatedThroughApi_OnTheBoardAtItsLevel()
    {
        var id = await browser.OpenTicketAsync(customerId: "c-escalate", orderId: "o-escalate");
        await browser.Client(ApiRole.Supervisor, "sam").EscalateAsync(id, "The customer called three times.");
        var page = await browser.SignInAsync("supervisor", "sam");

        await page.GotoAsync("/console/escalations");

        await Expect(page.Locator($"[data-level='1'] [data-ticket='{id}']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Dashboard_Supervisor_ChartsFromTheSummaryReport()
    {
        await browser.OpenTicketAsync(customerId: "c-dash", orderId: "o-dash");
        var page = await browser.SignInAsync("supervisor", "sam");

        await page.GotoAsync("/console/dashboard");

        await Expect(page.GetByTestId("ticket-count")).ToContainTextAsync("Tickets:");
        await Expect(page.Locator("[data-chart='severity'] svg").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-chart='status'] svg").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Dashboard_Agent_ForbiddenSaidInWords()
    {
        var page = await browser.SignInAsync("agent", "alice");

        await page.GotoAsync("/console/dashboard");

        await Expect(page.Locator(".mud-alert")).ToContainTextAsync("Your role may not do this.");
    }
}

using TicketCluster.Silo.Auth;
using TicketCluster.WebConsole.Tests.Support;
using static Microsoft.Playwright.Assertions;
using static TicketCluster.WebConsole.Tests.Support.Ui;

namespace TicketCluster.WebConsole.Tests;

public sealed class SupervisorTests(ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>
{
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
        var id = await browser.OpenTicketAsync(customerId: "c-dash", orderId: "o-dash");
        await browser.Client(ApiRole.Agent, "alice").AcknowledgeAsync(id, "We are looking into it.");
        var page = await browser.SignInAsync("supervisor", "sam");

        await page.GotoAsync("/console/dashboard");

        await Expect(page.GetByTestId("ticket-count")).ToContainTextAsync("Tickets:");
        await Expect(page.Locator("[data-chart='severity'] svg").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-chart='status'] svg").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-chart='channel'] svg").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-section='compliance'] tr[data-clock='first-response']")).ToContainTextAsync("first response");
        await Expect(page.Locator("[data-figure='first-response']")).ToContainTextAsync("median");
        await Expect(page.Locator("[data-figure='csat']")).ToContainTextAsync("CSAT");
    }

    [Fact]
    public async Task TicketPage_SupervisorReassigns_AssigneeAndTrailShowIt()
    {
        var id = await browser.OpenTicketAsync(customerId: "c-reassign", orderId: "o-reassign");
        var agent = browser.Client(ApiRole.Agent, "alice");
        await agent.AcknowledgeAsync(id, "We are looking into it.");
        await agent.AssignAsync(id, TicketCluster.Domain.Tickets.Department.CustomerService, "alice");
        var page = await browser.SignInAsync("supervisor", "sam");
        await page.GotoAsync($"/console/tickets/{id}");
        await Expect(page.GetByTestId("assignee")).ToHaveTextAsync("alice");

        await page.Locator("[data-command='assign']").ClickAsync();
        await Field(page, "assign", "department").SelectOptionAsync("customer-service");
        await Field(page, "assign", "agentId").FillAsync("bob");
        await page.GetByTestId("send").ClickAsync();

        await Expect(page.GetByTestId("assignee")).ToHaveTextAsync("bob");
        await Expect(page.Locator("tr[data-event='assigned']")).ToHaveCountAsync(2);
        Assert.Equal("bob", (await agent.GetTicketAsync(id)).Assignee);
    }

    [Fact]
    public async Task Dashboard_Agent_ForbiddenSaidInWords()
    {
        var page = await browser.SignInAsync("agent", "alice");

        await page.GotoAsync("/console/dashboard");

        await Expect(page.Locator(".mud-alert")).ToContainTextAsync("Your role may not do this.");
    }
}

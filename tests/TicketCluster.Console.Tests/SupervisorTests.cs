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
    public async Task Dashboard_Supervisor_OpenLoadPerAssigneeAndDepartment()
    {
        var first = await browser.OpenTicketAsync(customerId: "c-load1", orderId: "o-load1");
        var second = await browser.OpenTicketAsync(customerId: "c-load2", orderId: "o-load2");
        var agent = browser.Client(ApiRole.Agent, "loaded-agent");
        await agent.AcknowledgeAsync(first, "We are looking into it.");
        await agent.AcknowledgeAsync(second, "We are looking into it.");
        await agent.AssignAsync(first, TicketCluster.Domain.Tickets.Department.ProductQuality, "loaded-agent");
        await agent.AssignAsync(second, TicketCluster.Domain.Tickets.Department.ProductQuality, "loaded-agent");
        var page = await browser.SignInAsync("supervisor", "sam");

        await page.GotoAsync("/console/dashboard");

        var row = page.Locator("[data-section='load-assignee'] tr[data-assignee='loaded-agent']");
        await Expect(row.Locator("td[data-open]")).ToHaveTextAsync("2");
        await Expect(page.Locator("[data-section='load-department'] tr[data-department='product-quality'] td").First).ToHaveTextAsync("product quality");
        await Expect(page.Locator("[data-section='load-department'] tr[data-department='product-quality'] td[data-open]")).ToHaveTextAsync("2");
        await Expect(page.Locator("[data-section='load-assignee'] tr[data-unassigned] td[data-open]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9]+$"));
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

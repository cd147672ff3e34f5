using TicketCluster.Silo.Auth;
using TicketCluster.WebConsole.Tests.Support;
using static Microsoft.Playwright.Assertions;

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

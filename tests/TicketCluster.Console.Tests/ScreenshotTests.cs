using Microsoft.Playwright;
using TicketCluster.Domain;
using TicketCluster.Domain.Tickets;
using TicketCluster.Silo.Auth;
using TicketCluster.WebConsole.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace TicketCluster.WebConsole.Tests;

/// <summary>
/// A picture of each main page, on a fresh silo with a few tickets, saved under the test output directory
/// (<c>artifacts/console/*.png</c>, the path printed). The pictures in <c>docs/console/</c> are copies.
/// </summary>
public sealed class ScreenshotTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly ConsoleBrowser _browser = new();

    /// <summary>Where the pictures go: <c>artifacts/console</c> under the test output directory.</summary>
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts", "console");

    public async Task InitializeAsync() => await _browser.InitializeAsync();

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task Screenshots_EveryMainPage_SavedAsArtifacts()
    {
        System.IO.Directory.CreateDirectory(Directory);
        var sample = await SeedAsync();

        var anonymous = await _browser.NewPageAsync();
        await anonymous.GotoAsync("/console/sign-in");
        await ShootAsync(anonymous, "sign-in", anonymous.Locator("h1"));

        var supervisor = await _browser.SignInAsync("supervisor", "sam");
        await ShootAsync(supervisor, "queue", supervisor.Locator($"tr[data-ticket='{sample}'] tc-countdown[data-state]"));
        await supervisor.GotoAsync($"/console/tickets/{sample}");
        await ShootAsync(supervisor, "ticket", supervisor.Locator("tr[data-event='acknowledged']"));
        await supervisor.GotoAsync("/console/approvals");
        await ShootAsync(supervisor, "approvals", supervisor.GetByTestId("plan").First);
        await supervisor.GotoAsync("/console/escalations");
        await ShootAsync(supervisor, "escalations", supervisor.Locator("[data-level='1'] [data-ticket]").First);
        await supervisor.GotoAsync("/console/dashboard");
        await ShootAsync(supervisor, "dashboard", supervisor.Locator("[data-chart='status'] svg").First);

        var merchant = await _browser.SignInAsync("merchant", "shop", merchantId: "m-1");
        await ShootAsync(merchant, "merchant", merchant.Locator("tbody tr").First);

        var admin = await _browser.SignInAsync("admin", "ada");
        await admin.GotoAsync("/console/cluster");
        await ShootAsync(admin, "cluster", admin.GetByTestId("health"));
    }

    /// <summary>Tickets for the pictures: normal and urgent, one acknowledged and assigned with a plan
    /// awaiting approval, one escalated; the acknowledged one's id.</summary>
    private async Task<string> SeedAsync()
    {
        var agent = _browser.Client(ApiRole.Agent, "alice");
        await _browser.OpenTicketAsync(customerId: "c-shot1", orderId: "o-shot1", category: "logistics");
        await _browser.OpenTicketAsync(customerId: "c-shot2", orderId: "o-shot2", description: "The kettle caught fire and burned my hand.");
        var planned = await _browser.OpenTicketAsync(customerId: "c-shot3", orderId: "o-shot3", amount: 3000m);
        await agent.AcknowledgeAsync(planned, "We are looking into it.");
        await agent.AssignAsync(planned, Department.CustomerService, "alice");
        await agent.ProposeResolutionAsync(planned, new ResolutionPlan(ResolutionKind.Refund, new Money(1500m, "CNY")));
        var escalated = await _browser.OpenTicketAsync(customerId: "c-shot4", orderId: "o-shot4");
        await _browser.Client(ApiRole.Supervisor, "sam").EscalateAsync(escalated, "The customer called three times.");
        return planned;
    }

    /// <summary>Waits for <paramref name="ready"/>, then saves the whole page as <c>{name}.png</c>.</summary>
    private async Task ShootAsync(IPage page, string name, ILocator ready)
    {
        await Expect(ready).ToBeVisibleAsync();
        var path = Path.Combine(Directory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Assert.True(new FileInfo(path).Length > 0, path);
        output.WriteLine(path);
    }
}

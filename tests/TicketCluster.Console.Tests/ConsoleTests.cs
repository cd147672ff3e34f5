using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Support;
using TicketCluster.WebConsole.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TicketCluster.WebConsole.Tests;

/// <summary>The console in Chromium against a real silo: every expectation waits for the page by itself
/// (Playwright's auto-waiting), never by a sleep.</summary>
public sealed partial class ConsoleTests(ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>
{
    [Fact]
    public async Task Queue_TicketOpenedThroughApi_ListedWithRunningCountdown()
    {
        var id = await browser.OpenTicketAsync(customerId: "c-queue", orderId: "o-queue");
        var page = await browser.SignInAsync("agent", "alice");

        await Expect(page).ToHaveURLAsync(new Regex("/console/queue$"));
        var row = page.Locator($"tr[data-ticket='{id}']");
        await Expect(row).ToBeVisibleAsync();
        var countdown = row.Locator("tc-countdown");
        await Expect(countdown).ToHaveAttributeAsync("data-state", "running");
        await Expect(countdown).ToHaveTextAsync(Clock());
        var session = (await page.Context.CookiesAsync()).Single(c => c.Name == "tc-console");
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, session.SameSite);
    }

    [Fact]
    public async Task Queue_TicketOpenedWhileOpen_AppearsWithoutReload()
    {
        var page = await browser.SignInAsync("agent", "alice");
        await Expect(page.Locator("tbody")).ToBeAttachedAsync();

        var id = await browser.OpenTicketAsync(customerId: "c-live", orderId: "o-live");

        await Expect(page.Locator($"tr[data-ticket='{id}']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Queue_CategoryFilterAndOrderSearch_NarrowTheList()
    {
        var logistics = await browser.OpenTicketAsync(customerId: "c-filter1", orderId: "o-filter-1", category: "logistics");
        var invoice = await browser.OpenTicketAsync(customerId: "c-filter2", orderId: "o-filter-2", category: "invoice");
        var page = await browser.SignInAsync("agent", "alice");
        await Expect(page.Locator($"tr[data-ticket='{invoice}']")).ToBeVisibleAsync();

        await page.Locator("select[data-filter='category']").SelectOptionAsync("logistics");
        await Expect(page.Locator($"tr[data-ticket='{invoice}']")).ToHaveCountAsync(0);
        await Expect(page.Locator($"tr[data-ticket='{logistics}']")).ToBeVisibleAsync();

        await page.Locator("select[data-filter='category']").SelectOptionAsync("");
        await page.Locator("input[data-filter='search']").FillAsync("o-filter-2");
        await page.Locator("input[data-filter='search']").PressAsync("Enter");
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator($"tr[data-ticket='{invoice}']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TicketPage_AcknowledgeThroughForm_TimelineShowsIt()
    {
        var id = await browser.OpenTicketAsync(customerId: "c-ack", orderId: "o-ack");
        var page = await browser.SignInAsync("agent", "alice");
        await page.Locator($"tr[data-ticket='{id}'] a").ClickAsync();
        await Expect(page.GetByTestId("ticket-id")).ToHaveTextAsync(id);
        var purchased = page.Locator("[data-section='order'] tc-time").First;
        await Expect(purchased).ToHaveTextAsync("11/1/2026, 4:00:00 PM");
        await Expect(purchased).ToHaveAttributeAsync("title", "Asia/Shanghai");

        await page.Locator("[data-command='acknowledge']").ClickAsync();
        await Field(page, "acknowledge", "message").FillAsync("Sorry about the lid - we are on it.");
        await page.GetByTestId("send").ClickAsync();

        await Expect(page.Locator("tr[data-event='acknowledged']")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("acknowledged");
        await Expect(page.Locator("tr[data-clock='first-response']")).ToContainTextAsync("met");
    }

    [Fact]
    public async Task TicketPage_RefusedField_ApiMessageShownBesideIt()
    {
        var id = await browser.OpenTicketAsync(customerId: "c-invalid", orderId: "o-invalid");
        var page = await browser.SignInAsync("agent", "alice");
        await page.GotoAsync($"/console/tickets/{id}");

        await page.Locator("[data-command='change-severity']").ClickAsync();
        await Field(page, "change-severity", "severity").SelectOptionAsync("serious");
        await Field(page, "change-severity", "reason").FillAsync(new string('x', 2001));
        await page.GetByTestId("send").ClickAsync();

        var error = page.Locator("[data-field='reason'] [data-error-for='reason']");
        await Expect(error).ToBeVisibleAsync();
        await Expect(error).ToContainTextAsync("2000");
        await Expect(page.GetByTestId("version")).ToHaveTextAsync("3");
    }

    [Fact]
    public async Task TicketPage_ChangedMeanwhile_StaleVersionExplainedAndReloaded()
    {
        var id = await browser.OpenTicketAsync(customerId: "c-stale", orderId: "o-stale");
        var page = await browser.SignInAsync("agent", "alice");
        await page.GotoAsync($"/console/tickets/{id}");
        await Expect(page.GetByTestId("version")).ToHaveTextAsync("3");

        var other = await browser.Silo.Client(ApiRole.Agent, "bob").PostJsonAsync($"/api/v1/tickets/{id}/acknowledge", new { message = "Bob was faster." });
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);

        await page.Locator("[data-command='acknowledge']").ClickAsync();
        await Field(page, "acknowledge", "message").FillAsync("Alice's answer.");
        await page.GetByTestId("send").ClickAsync();

        await Expect(page.GetByTestId("command-problem")).ToContainTextAsync("Someone changed this ticket while you had it open");
        await page.GetByTestId("stale-reload").ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("acknowledged");
        await Expect(page.Locator("tr[data-event='acknowledged']")).ToContainTextAsync("bob");
    }

    [Fact]
    public async Task Merchant_OwnAndOthersTickets_SeesOnlyItsOwnMaskedAndNotFoundForOthers()
    {
        var own = await browser.OpenTicketAsync(merchantId: "m-own", customerId: "c-m1", orderId: "o-m1");
        var others = await browser.OpenTicketAsync(merchantId: "m-other", customerId: "c-m2", orderId: "o-m2");
        var page = await browser.SignInAsync("merchant", "shop", merchantId: "m-own");

        await Expect(page).ToHaveURLAsync(new Regex("/console/merchant$"));
        await Expect(page.Locator($"tr[data-ticket='{own}']")).ToBeVisibleAsync();
        await Expect(page.Locator($"tr[data-ticket='{others}']")).ToHaveCountAsync(0);

        await page.Locator($"tr[data-ticket='{own}'] a").ClickAsync();
        await Expect(page.GetByTestId("customer-phone")).ToHaveTextAsync("+86 138****8000");

        await page.GotoAsync($"/console/tickets/{others}");
        await Expect(page.Locator(".tc-not-found")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Merchant_AskedToRespond_WindowCountsDownAndResponseFormRecordsIt()
    {
        var id = await browser.OpenTicketAsync(merchantId: "m-respond", customerId: "c-respond", orderId: "o-respond");
        var agent = browser.Client(ApiRole.Agent, "alice");
        await agent.AcknowledgeAsync(id, "We are looking into it.");
        await agent.AssignAsync(id, TicketCluster.Domain.Tickets.Department.Merchant, "alice");
        await agent.RequestMerchantResponseAsync(id, "Please send the packing photos.");
        var page = await browser.SignInAsync("merchant", "shop", merchantId: "m-respond");

        var window = page.Locator($"tr[data-ticket='{id}'] tc-countdown");
        await Expect(window).ToHaveAttributeAsync("data-state", "running");
        await Expect(window).ToHaveTextAsync(Clock());
        await page.Locator($"tr[data-ticket='{id}'] a").ClickAsync();
        await page.Locator("[data-command='merchant-response']").ClickAsync();
        await Field(page, "merchant-response", "position").SelectOptionAsync("dispute");
        await Field(page, "merchant-response", "statement").FillAsync("The lid was intact when it left the warehouse.");
        await page.GetByTestId("send").ClickAsync();

        await Expect(page.Locator("tr[data-event='merchant-responded']")).ToBeVisibleAsync();
        await Expect(page.Locator("tr[data-clock='merchant-response']")).ToContainTextAsync("met");
    }

    [Fact]
    public async Task LanguageSwitch_ToSimplifiedChinese_ChangesTheText()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/console/sign-in");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");

        await page.Locator("[data-language='zh-Hans']").ClickAsync();

        await Expect(page.Locator("h1")).ToHaveTextAsync("登录");
        await Expect(page.Locator("#sign-in")).ToHaveTextAsync("登录");
        await page.Locator("#subject").FillAsync("alice");
        await page.Locator("#sign-in").ClickAsync();
        await Expect(page.Locator("h5")).ToHaveTextAsync("工作队列");
    }

    private static ILocator Field(IPage page, string command, string path) =>
        page.Locator($"[data-form='{command}'] [data-field='{path}']").Locator("input, textarea, select").First;

    [GeneratedRegex(@"^\d\d:\d\d:\d\d$|^\d+d \d\d:\d\d:\d\d$")]
    private static partial Regex Clock();
}

using System.Text.RegularExpressions;
using System.Net;
using Microsoft.Playwright;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Support;
using TicketCluster.WebConsole.Tests.Support;
using static Microsoft.Playwright.Assertions;
using static TicketCluster.WebConsole.Tests.Support.Ui;

namespace TicketCluster.WebConsole.Tests;

/// <summary>The console in Chromium against a real silo: every expectation waits for the page by itself
/// (Playwright's auto-waiting), never by a sleep.</summary>
public sealed class ConsoleTests(ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>
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
    public async Task TicketPage_MergedContactAndDuplicate_LineageShown()
    {
        var original = await browser.OpenTicketAsync(customerId: "c-lineage", orderId: "o-lineage");
        var gateway = browser.Silo.Client(ApiRole.Channel, "hotline");
        var merged = await gateway.PostJsonAsync("/api/v1/tickets", Intakes.Complaint(customerId: "c-lineage", orderId: "o-lineage", channel: "hotline", externalId: "call-77"));
        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        var duplicate = await browser.OpenTicketAsync(customerId: "c-lineage", orderId: "o-lineage-2");
        var closed = await browser.Silo.Client(ApiRole.Agent, "alice").PostJsonAsync($"/api/v1/tickets/{duplicate}/close-as-duplicate", new { duplicateOf = original });
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        var page = await browser.SignInAsync("agent", "alice");

        await page.GotoAsync($"/console/tickets/{original}");
        await Expect(page.Locator("[data-section='lineage'] [data-contact='call-77']")).ToContainTextAsync("hotline");
        await page.GotoAsync($"/console/tickets/{duplicate}");
        await page.GetByTestId("duplicate-of").Locator("a").ClickAsync();
        await Expect(page.GetByTestId("ticket-id")).ToHaveTextAsync(original);
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
}

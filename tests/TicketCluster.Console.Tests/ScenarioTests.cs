using System.Net;
using TicketCluster.Domain;
using TicketCluster.Domain.Tickets;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Support;
using TicketCluster.WebConsole.Tests.Support;
using static Microsoft.Playwright.Assertions;
using static TicketCluster.WebConsole.Tests.Support.Ui;

namespace TicketCluster.WebConsole.Tests;

/// <summary>
/// The console's scenarios end to end, each on a fresh silo of its own (xunit makes one instance of this
/// class per test, and the instance starts its node and browser), so no test sees another's tickets.
/// </summary>
public sealed class ScenarioTests : IAsyncLifetime
{
    private ConsoleBrowser _browser = new();

    public async Task InitializeAsync() => await _browser.InitializeAsync();

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task Queue_UrgentSafetyComplaint_OnTopAndAcknowledgedFirstResponseMet()
    {
        var earlier = await _browser.OpenTicketAsync(customerId: "c-early1", orderId: "o-early1");
        var early = await _browser.OpenTicketAsync(customerId: "c-early2", orderId: "o-early2");
        var urgent = await _browser.OpenTicketAsync(customerId: "c-fire", orderId: "o-fire", description: "The kettle caught fire and burned my hand.");
        Assert.Equal(Severity.Urgent, (await _browser.Client(ApiRole.Agent, "alice").GetTicketAsync(urgent)).Severity);
        var page = await _browser.SignInAsync("agent", "alice");

        var rows = page.Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(rows.First).ToHaveAttributeAsync("data-ticket", urgent);
        await Expect(page.Locator($"tr[data-ticket='{earlier}']")).ToBeVisibleAsync();
        await Expect(page.Locator($"tr[data-ticket='{early}']")).ToBeVisibleAsync();
        await rows.First.Locator("a").ClickAsync();
        var firstResponse = page.Locator("tr[data-clock='first-response'] tc-countdown");
        await Expect(firstResponse).ToHaveAttributeAsync("data-state", "running");
        await Expect(firstResponse).ToHaveTextAsync(Clock());

        await page.Locator("[data-command='acknowledge']").ClickAsync();
        await Field(page, "acknowledge", "message").FillAsync("We are calling you now - please do not use the kettle.");
        await page.GetByTestId("send").ClickAsync();

        await Expect(firstResponse).ToHaveAttributeAsync("data-state", "met");
        await Expect(firstResponse).ToHaveTextAsync("met");
        await Expect(page.Locator("tr[data-event='acknowledged']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Approvals_PlanOverThreshold_ApprovedFromTheInbox()
    {
        var id = await _browser.OpenTicketAsync(customerId: "c-approve", orderId: "o-approve", amount: 3000m);
        var agent = _browser.Client(ApiRole.Agent, "alice");
        await agent.AcknowledgeAsync(id, "We are looking into it.");
        await agent.AssignAsync(id, Department.CustomerService, "alice");
        await agent.ProposeResolutionAsync(id, new ResolutionPlan(ResolutionKind.Refund, new Money(1500m, "CNY")));
        var page = await _browser.SignInAsync("supervisor", "sam");

        await page.GotoAsync("/console/approvals");
        var approval = page.Locator($"[data-approval='{id}']");
        await Expect(approval.GetByTestId("plan")).ToContainTextAsync("refund 1500");
        await approval.Locator("[data-command='approve-resolution']").ClickAsync();
        await approval.GetByTestId("send").ClickAsync();

        await Expect(approval).ToHaveCountAsync(0);
        Assert.Equal(TicketStatus.AwaitingConfirmation, (await agent.GetTicketAsync(id)).Status);
    }

    [Fact]
    public async Task Merchant_AnswersWithinWindow_RecordedAndAnotherMerchantsTicketNotFound()
    {
        var id = await _browser.OpenTicketAsync(merchantId: "m-respond", customerId: "c-respond", orderId: "o-respond");
        var others = await _browser.OpenTicketAsync(merchantId: "m-other", customerId: "c-other", orderId: "o-other");
        var agent = _browser.Client(ApiRole.Agent, "alice");
        await agent.AcknowledgeAsync(id, "We are looking into it.");
        await agent.AssignAsync(id, Department.Merchant, "alice");
        await agent.RequestMerchantResponseAsync(id, "Please send the packing photos.");
        var page = await _browser.SignInAsync("merchant", "shop", merchantId: "m-respond");

        var window = page.Locator($"tr[data-ticket='{id}'] tc-countdown");
        await Expect(window).ToHaveAttributeAsync("data-state", "running");
        await Expect(window).ToHaveTextAsync(Clock());
        await Expect(page.Locator($"tr[data-ticket='{others}']")).ToHaveCountAsync(0);
        await page.Locator($"tr[data-ticket='{id}'] a").ClickAsync();
        await page.Locator("[data-command='merchant-response']").ClickAsync();
        await Field(page, "merchant-response", "position").SelectOptionAsync("dispute");
        await Field(page, "merchant-response", "statement").FillAsync("The lid was intact when it left the warehouse.");
        await page.GetByTestId("send").ClickAsync();

        await Expect(page.Locator("tr[data-event='merchant-responded']")).ToBeVisibleAsync();
        await Expect(page.Locator("tr[data-clock='merchant-response'] tc-countdown")).ToHaveAttributeAsync("data-state", "met");
        await page.GotoAsync($"/console/tickets/{others}");
        await Expect(page.Locator(".tc-not-found")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Queue_DeadlinePassesWhileOpen_RowTurnsBreachedWithoutReload()
    {
        await _browser.DisposeAsync();
        _browser = new ShortWindowBrowser();
        await _browser.InitializeAsync();
        // The queue is open before the ticket exists, so however slow the page is to load, the row arrives
        // by the queue's own refresh with most of the window still ahead of it.
        var page = await _browser.SignInAsync("agent", "alice");
        var loaded = await page.EvaluateAsync<double>("performance.timeOrigin");
        var id = await _browser.OpenTicketAsync(customerId: "c-short", orderId: "o-short");
        var countdown = page.Locator($"tr[data-ticket='{id}'] tc-countdown");
        await Expect(countdown).ToHaveAttributeAsync("data-state", "running", new() { Timeout = 10_000 });

        // The browser's own clock moves the countdown: warning from 80 % of the window, breached past it.
        await Expect(countdown).ToHaveAttributeAsync("data-state", "warning", new() { Timeout = 20_000 });
        await Expect(countdown).ToHaveAttributeAsync("data-state", "breached", new() { Timeout = 20_000 });
        await Expect(countdown).ToContainTextAsync("overdue");
        Assert.Equal(loaded, await page.EvaluateAsync<double>("performance.timeOrigin"));
    }

    [Fact]
    public async Task TicketPage_ChangedMeanwhile_ConflictShownWithTheFreshTicket()
    {
        var id = await _browser.OpenTicketAsync(customerId: "c-stale", orderId: "o-stale");
        var page = await _browser.SignInAsync("agent", "alice");
        await page.GotoAsync($"/console/tickets/{id}");
        await Expect(page.GetByTestId("version")).ToHaveTextAsync("3");

        var other = await _browser.Silo.Client(ApiRole.Agent, "bob").PostJsonAsync($"/api/v1/tickets/{id}/acknowledge", new { message = "Bob was faster." });
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        var current = (await _browser.Client(ApiRole.Agent, "bob").GetTicketAsync(id)).Version.ToString(System.Globalization.CultureInfo.InvariantCulture);

        await page.Locator("[data-command='acknowledge']").ClickAsync();
        await Field(page, "acknowledge", "message").FillAsync("Alice's answer.");
        await page.GetByTestId("send").ClickAsync();

        await Expect(page.GetByTestId("command-problem")).ToContainTextAsync($"Someone changed this ticket while you had it open (it is now at version {current})");
        await Expect(page.GetByTestId("version")).ToHaveTextAsync(current);
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("acknowledged");
        await Expect(page.Locator("tr[data-event='acknowledged']")).ToContainTextAsync("bob");
        await Expect(page.Locator("tr[data-event='acknowledged']")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task ChineseUi_CjkText_RendersWithRealGlyphs()
    {
        var page = await _browser.NewPageAsync();
        await page.GotoAsync("/console/language/zh-Hans?returnUrl=/console/sign-in");
        await page.Locator("#subject").FillAsync("alice");
        await page.Locator("#sign-in").ClickAsync();
        var title = page.Locator("h5");
        await Expect(title).ToHaveTextAsync("工作队列");

        // A missing glyph is drawn as the same box whatever the character: each different character of
        // the heading, drawn in the heading's own font, must give a picture of its own.
        var text = await title.TextContentAsync();
        Assert.Equal(4, await Glyphs.DistinctAsync(page, "h5", text!));
        Assert.Equal(4, await Glyphs.DistinctAsync(page, "h5", "工单超时"));

        // The check fails where a font is missing: Tangut, which no installed font covers.
        Assert.Equal(1, await Glyphs.DistinctAsync(page, "h5", "\U00017000\U00017001\U00017002"));
    }
}

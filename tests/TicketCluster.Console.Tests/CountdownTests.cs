using TicketCluster.WebConsole.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TicketCluster.WebConsole.Tests;

/// <summary>A node whose normal first-response window is ten seconds, so a countdown passes its warning
/// point and its deadline while the queue is open.</summary>
public sealed class ShortWindowBrowser : ConsoleBrowser
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["TicketCluster:Sla:FirstResponseNormal"] = "00:00:10",
    };
}

public sealed class CountdownTests(ShortWindowBrowser browser) : IClassFixture<ShortWindowBrowser>
{
    [Fact]
    public async Task Queue_TenSecondWindow_CountdownTurnsWarningThenBreached()
    {
        var id = await browser.OpenTicketAsync(customerId: "c-short", orderId: "o-short");
        var page = await browser.SignInAsync("agent", "alice");
        var countdown = page.Locator($"tr[data-ticket='{id}'] tc-countdown");

        // The browser's own clock moves the countdown: warning from 80 % of the window, breached past it.
        await Expect(countdown).ToHaveAttributeAsync("data-state", "warning", new() { Timeout = 15_000 });
        await Expect(countdown).ToHaveAttributeAsync("data-state", "breached", new() { Timeout = 15_000 });
        await Expect(countdown).ToContainTextAsync("overdue");
    }
}

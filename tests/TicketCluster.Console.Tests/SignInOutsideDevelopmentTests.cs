using Microsoft.Playwright;
using TicketCluster.Silo.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TicketCluster.WebConsole.Tests;

/// <summary>A node outside the Development environment has no development sign-in.</summary>
public sealed class SignInOutsideDevelopmentTests
{
    [Fact]
    public async Task SignIn_ProductionNode_NotFound()
    {
        await using var silo = await TestSilo.StartSqliteAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Support.ConsoleBrowser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = silo.BaseAddress.ToString() });

        var response = await page.GotoAsync("/console/sign-in");

        Assert.Equal(404, response!.Status);
        await Expect(page.Locator("#sign-in")).ToHaveCountAsync(0);
        var post = await silo.Anonymous().PostAsync("/console/sign-in", new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "sign-in", ["Form.Subject"] = "mallory" }));
        Assert.False(post.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("tc-console", StringComparison.Ordinal)));
    }
}

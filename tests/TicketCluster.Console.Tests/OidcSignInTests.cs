using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TicketCluster.WebConsole.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TicketCluster.WebConsole.Tests;

/// <summary>Production sign-in at an OpenID Connect provider (a fake one on loopback), in Chromium: the API
/// takes the provider's access token, roles and merchants come from its claims by the API's rules, and the
/// session renews or signs in again rather than failing.</summary>
public sealed class OidcSignInTests(OidcConsole console) : IClassFixture<OidcConsole>
{
    [Fact]
    public async Task Agent_SignsInAtProvider_SeesTheQueue()
    {
        var id = await console.OpenTicketAsync("m-oidc", "c-oidc-agent", "o-oidc-agent");
        console.Provider.User = new FakeUser("olga", ["agent"]);
        var before = console.Provider.Authorizations;
        var page = await console.NewPageAsync();

        await page.GotoAsync("/console/queue");

        await Expect(page).ToHaveURLAsync(new Regex("/console/queue$"));
        await Expect(page.GetByTestId("user")).ToContainTextAsync("olga");
        await Expect(page.Locator($"tr[data-ticket='{id}']")).ToBeVisibleAsync();
        Assert.Equal(before + 1, console.Provider.Authorizations);
        var session = (await page.Context.CookiesAsync()).Single(c => c.Name == "tc-console");
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, session.SameSite);
    }

    [Fact]
    public async Task Merchant_ClaimsBindItToItsMerchant_AnothersTicketNotFound()
    {
        var own = await console.OpenTicketAsync("m-oidc-own", "c-oidc-m1", "o-oidc-m1");
        var others = await console.OpenTicketAsync("m-oidc-other", "c-oidc-m2", "o-oidc-m2");
        console.Provider.User = new FakeUser("shop-user", ["merchant"], "m-oidc-own");
        var page = await console.NewPageAsync();

        await page.GotoAsync("/console/sign-in");

        await Expect(page).ToHaveURLAsync(new Regex("/console/merchant$"));
        await Expect(page.Locator($"tr[data-ticket='{own}']")).ToBeVisibleAsync();
        await Expect(page.Locator($"tr[data-ticket='{others}']")).ToHaveCountAsync(0);
        await page.GotoAsync($"/console/tickets/{others}");
        await Expect(page.Locator(".tc-not-found")).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData("")]
    [InlineData("customer")]
    [InlineData("agent admin")]
    [InlineData("merchant")]
    public async Task User_WithoutAConsoleRole_RefusedWithAPage(string roles)
    {
        // No role; a role the console does not serve; two roles (the API takes exactly one); a merchant
        // without its merchant id.
        console.Provider.User = new FakeUser("nobody", roles.Split(' ', StringSplitOptions.RemoveEmptyEntries), MerchantId: null);
        var page = await console.NewPageAsync();

        var response = await page.GotoAsync("/console/queue");

        await Expect(page).ToHaveURLAsync(new Regex("/console/refused$"));
        await Expect(page.Locator(".tc-refused")).ToHaveTextAsync("You have no role in the console");
        Assert.Equal(403, response!.Status);
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "tc-console");
    }

    [Fact]
    public async Task Session_TokenNearingExpiry_RenewedWithTheRefreshTokenWhileTheQueueIsOpen()
    {
        console.Provider.User = new FakeUser("rita", ["agent"]);
        console.Provider.AccessTokenLifetime = TimeSpan.FromMinutes(3);
        try
        {
            var page = await console.NewPageAsync();
            await page.GotoAsync("/console/queue");
            await Expect(page.GetByTestId("user")).ToContainTextAsync("rita");
            var refreshes = console.Provider.Refreshes;

            // Every token has less left than the five minutes before expiry at which a session renews, so
            // the open queue's next reads renew it in the circuit; the API takes the renewed token.
            var id = await console.OpenTicketAsync("m-oidc", "c-oidc-renew", "o-oidc-renew");

            await Expect(page.Locator($"tr[data-ticket='{id}']")).ToBeVisibleAsync();
            Assert.True(console.Provider.Refreshes > refreshes);
            Assert.Equal(1, await page.EvaluateAsync<int>("performance.getEntriesByType('navigation').length"));
        }
        finally
        {
            console.Provider.AccessTokenLifetime = TimeSpan.FromHours(1);
        }
    }

    [Fact]
    public async Task Session_EndedAndNotRenewed_SignsInAgainAtTheProvider()
    {
        console.Provider.User = new FakeUser("sam", ["agent"]);
        console.Provider.RefuseRefresh = true;
        console.Provider.IssueExpiredTokens(1);
        try
        {
            var before = console.Provider.Authorizations;
            var page = await console.NewPageAsync();

            await page.GotoAsync("/console/queue");

            // The first session's token had expired and the provider renewed nothing: the node sent the
            // browser to sign in again, and the second sign-in's session opens the queue.
            await Expect(page).ToHaveURLAsync(new Regex("/console/queue$"));
            await Expect(page.GetByTestId("user")).ToContainTextAsync("sam");
            await Expect(page.Locator("tbody")).ToBeAttachedAsync();
            Assert.Equal(before + 2, console.Provider.Authorizations);
        }
        finally
        {
            console.Provider.RefuseRefresh = false;
            console.Provider.IssueExpiredTokens(0);
        }
    }

    [Fact]
    public async Task SignOut_EndsTheSessionHereAndAtTheProvider()
    {
        console.Provider.User = new FakeUser("olga", ["agent"]);
        var page = await console.NewPageAsync();
        await page.GotoAsync("/console/queue");
        await Expect(page.GetByTestId("user")).ToContainTextAsync("olga");
        var before = console.Provider.EndSessions;

        await page.GotoAsync("/console/sign-out");
        await page.Locator("#sign-out").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/console/signed-out$"));
        await Expect(page.Locator(".tc-signed-out")).ToBeVisibleAsync();
        Assert.Equal(before + 1, console.Provider.EndSessions);
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "tc-console");
    }
}

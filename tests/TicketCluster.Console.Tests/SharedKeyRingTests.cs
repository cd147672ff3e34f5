using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using TicketCluster.Silo.Tests.Support;
using TicketCluster.WebConsole.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TicketCluster.WebConsole.Tests;

/// <summary>Nodes that share the data-protection key ring (<c>Console:DataProtection:KeyDirectory</c>) read
/// each other's session cookies; a node with another key ring does not.</summary>
public sealed class SharedKeyRingTests
{
    [Fact]
    public async Task SessionCookie_IssuedByOneNode_AcceptedByAnotherSharingTheKeyRing()
    {
        var shared = Directory.CreateTempSubdirectory("tc-keys-").FullName;
        var other = Directory.CreateTempSubdirectory("tc-keys-").FullName;
        try
        {
            await using var first = await StartAsync(shared);
            await using var second = await StartAsync(shared);
            await using var stranger = await StartAsync(other);
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await ConsoleBrowser.LaunchAsync(playwright);

            // One browser, so one cookie jar: the nodes are all on 127.0.0.1, and a cookie is sent to every port.
            var page = await (await browser.NewContextAsync()).NewPageAsync();
            await page.GotoAsync(new Uri(first.BaseAddress, "/console/sign-in").ToString());
            await page.Locator("#subject").FillAsync("alice");
            await page.Locator("#sign-in").ClickAsync();
            await Expect(page.GetByTestId("user")).ToContainTextAsync("alice");

            await page.GotoAsync(new Uri(second.BaseAddress, "/console/queue").ToString());
            await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(second.BaseAddress.Authority) + "/console/queue$"));
            await Expect(page.GetByTestId("user")).ToContainTextAsync("alice");

            await page.GotoAsync(new Uri(stranger.BaseAddress, "/console/queue").ToString());
            await Expect(page).ToHaveURLAsync(new Regex("/console/sign-in"));
            await Expect(page.Locator("#sign-in")).ToBeVisibleAsync();
        }
        finally
        {
            Directory.Delete(shared, recursive: true);
            Directory.Delete(other, recursive: true);
        }
    }

    private static Task<TestSilo> StartAsync(string keyDirectory) =>
        TestSilo.StartSqliteAsync(new Dictionary<string, string?> { ["TicketCluster:Console:DataProtection:KeyDirectory"] = keyDirectory }, environment: Environments.Development);
}

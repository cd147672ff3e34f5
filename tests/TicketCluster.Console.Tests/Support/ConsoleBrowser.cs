using System.Net.Http.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using TicketCluster.Client;
using TicketCluster.Silo.Api;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.WebConsole.Tests.Support;

/// <summary>
/// A real silo in the Development environment (the console's development sign-in) and Debian's Chromium
/// driven by Playwright, shared by a test class. Each test takes a fresh browser context: its own
/// cookies, so its own session. The browser is the system's: Playwright downloads none.
/// </summary>
public class ConsoleBrowser : IAsyncLifetime
{
    /// <summary>The variable naming another Chromium to drive, for example Debian's desktop build
    /// <c>/usr/bin/chromium</c>.</summary>
    public const string ChromiumVariable = "TICKETCLUSTER_TEST_CHROMIUM";

    /// <summary>
    /// The Chromium the tests drive: Debian's <c>chromium-headless-shell</c> (test.sh installs it when it is
    /// missing), unless <see cref="ChromiumVariable"/> names another. It is Debian's build of the same
    /// Chromium (the <c>chromium</c> source package: Blink, V8, the same version) without the desktop
    /// browser around it, the form Playwright itself runs headless tests in; the console tests took a half to
    /// two thirds of the time in it, and the browser a third of the CPU (docs/console.md, "Tests").
    /// </summary>
    public static string ChromiumPath { get; } =
        Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } path ? path : "/usr/bin/chromium-headless-shell";

    private IPlaywright? _playwright;

    public TestSilo Silo { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>The node's configuration beyond the test silo's own.</summary>
    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    /// <summary>Debian's Chromium, headless.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox"],
        });
    }

    public async Task InitializeAsync()
    {
        Silo = await StartSiloAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await LaunchAsync(_playwright);
    }

    /// <summary>The node the class's tests run against: in Development, with <see cref="Settings"/>.</summary>
    protected virtual Task<TestSilo> StartSiloAsync() => TestSilo.StartSqliteAsync(Settings, environment: Environments.Development);

    public virtual async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Silo is not null)
        {
            await Silo.DisposeAsync();
        }
    }

    /// <summary>A new page in a context of its own, signed in through the sign-in page.</summary>
    public async Task<IPage> SignInAsync(string role, string subject, string? merchantId = null)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/console/sign-in");
        await page.Locator("#role").SelectOptionAsync(role);
        await page.Locator("#subject").FillAsync(subject);
        if (merchantId is not null)
        {
            await page.Locator("#merchant").FillAsync(merchantId);
        }

        await page.Locator("#sign-in").ClickAsync();
        await Assertions.Expect(page.GetByTestId("user")).ToContainTextAsync(subject);
        return page;
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Silo.BaseAddress.ToString(), TimezoneId = "Asia/Shanghai" });
        return await context.NewPageAsync();
    }

    /// <summary>The typed client as <paramref name="role"/>, for moving a ticket on behind the browser's back.</summary>
    public TicketClusterClient Client(ApiRole role, string subject) => new(Silo.Client(role, subject));

    /// <summary>Opens a ticket through the API as a channel gateway; its id.</summary>
    public async Task<string> OpenTicketAsync(string merchantId = "m-1", string customerId = "c-1", string orderId = "o-1", decimal amount = 199.00m, string? category = null, string? description = null)
    {
        var body = Intakes.Complaint(customerId: customerId, merchantId: merchantId, orderId: orderId, amount: amount, category: category);
        if (description is not null)
        {
            body["description"] = description;
        }

        var response = await Silo.Client(ApiRole.Channel, "web").PostJsonAsync("/api/v1/tickets", body);
        response.EnsureSuccessStatusCode();
        var ticket = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>(ApiJson.Options);
        return ticket!["id"].ToString()!;
    }
}

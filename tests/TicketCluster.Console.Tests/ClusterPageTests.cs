using TicketCluster.WebConsole.Api;
using TicketCluster.WebConsole.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TicketCluster.WebConsole.Tests;

/// <summary>A node that names an OTLP endpoint (nothing listens there: the export's failures are its own).</summary>
public sealed class TelemetryBrowser : ConsoleBrowser
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["TicketCluster:Telemetry:OtlpEndpoint"] = "http://127.0.0.1:4318",
        ["TicketCluster:Telemetry:OtlpProtocol"] = "http/protobuf",
    };
}

public sealed class ClusterPageTests(TelemetryBrowser browser) : IClassFixture<TelemetryBrowser>
{
    [Fact]
    public async Task ClusterPage_Admin_NodesBacklogHealthAndTelemetry()
    {
        await browser.OpenTicketAsync(customerId: "c-cluster", orderId: "o-cluster");
        var page = await browser.SignInAsync("admin", "ada");

        await page.Locator("a[href='/console/cluster']").ClickAsync();

        var node = page.Locator("[data-section='nodes'] tbody tr");
        await Expect(node).ToHaveCountAsync(1);
        await Expect(node.GetByTestId("node-status")).ToHaveTextAsync("active");
        await Expect(node.GetByTestId("node-address")).Not.ToBeEmptyAsync();
        await Expect(node.GetByTestId("node-activations")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+$"));
        await Expect(page.Locator("[data-section='backlog'] [data-field='remindersPending']")).ToContainTextAsync("Deadlines pending");
        await Expect(page.GetByTestId("health")).ToHaveAttributeAsync("data-status", "200");
        await Expect(page.GetByTestId("otlp-endpoint")).ToHaveTextAsync("http://127.0.0.1:4318/");
    }

    [Fact]
    public async Task ClusterPage_Supervisor_PlainForbiddenPage()
    {
        var page = await browser.SignInAsync("supervisor", "sam");
        await Expect(page.Locator("a[href='/console/cluster']")).ToHaveCountAsync(0);

        var response = await page.GotoAsync("/console/cluster");

        Assert.Equal(403, response!.Status);
        await Expect(page.Locator(".tc-forbidden")).ToContainTextAsync("403");
        await Expect(page.Locator("[data-section='nodes']")).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData("http://collector:4318", "http://collector:4318/")]
    [InlineData("https://user:secret@collector.example:4317/otlp?api-key=secret", "https://collector.example:4317/otlp")]
    [InlineData("not a uri secret", "(not an absolute address)")]
    [InlineData(null, null)]
    public void Describe_Endpoint_NothingSecretShown(string? endpoint, string? shown)
    {
        Assert.Equal(shown, TelemetryTarget.Describe(endpoint));
    }
}

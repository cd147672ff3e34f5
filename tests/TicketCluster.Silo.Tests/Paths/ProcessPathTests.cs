using System.Diagnostics;
using TicketCluster.Client;
using TicketCluster.Client.Contracts;
using TicketCluster.Domain;
using TicketCluster.Domain.Tickets;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.Silo.Tests.Paths;

/// <summary>
/// Each process path of the design, end to end: a real node on real HTTP, driven by the typed client as
/// gateways and back-office tools drive it, with each step sent by the role that sends it in production.
/// One subclass per database. The node runs with a one-second first-response window for normal tickets
/// and a one-second merchant-response window, so the paths that wait on a deadline see it pass; the
/// others answer at once and never wait.
/// </summary>
public abstract partial class ProcessPathTests : IAsyncLifetime
{
    /// <summary>How long a test waits for a deadline's reminder to fire before it fails.</summary>
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    private static readonly IReadOnlyDictionary<string, string?> ShortWindows = new Dictionary<string, string?>
    {
        ["TicketCluster:Sla:FirstResponseNormal"] = "00:00:01",
        ["TicketCluster:Sla:MerchantResponse"] = "00:00:01",
        ["TicketCluster:Escalation:SecondLevelFactor"] = "2",
    };

    // Ids unique to the test, so tests sharing a database never merge into each other's tickets.
    private readonly string _run = Guid.NewGuid().ToString("N")[..10];

    private TestSilo _silo = null!;

    protected abstract Task<TestSilo> StartSiloAsync(IReadOnlyDictionary<string, string?> settings);

    public async Task InitializeAsync() => _silo = await StartSiloAsync(ShortWindows);

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    private TestSilo Silo => _silo;

    private string CustomerId => "c-" + _run;

    private string MerchantId => "m-" + _run;

    /// <summary>A channel gateway (acts for the customer).</summary>
    private TicketClusterClient Channel(string gateway = "web-gateway") => new(_silo.Client(ApiRole.Channel, gateway));

    private TicketClusterClient Agent(string subject = "alice") => new(_silo.Client(ApiRole.Agent, subject));

    private TicketClusterClient Supervisor() => new(_silo.Client(ApiRole.Supervisor, "sam"));

    private TicketClusterClient Merchant() => new(_silo.Client(ApiRole.Merchant, "merchant-desk", MerchantId));

    private TicketClusterClient Warehouse() => new(_silo.Client(ApiRole.Warehouse, "wh-1"));

    private TicketClusterClient Finance() => new(_silo.Client(ApiRole.Finance, "fin-1"));

    private TicketSubmission Complaint(
        string description = "The kettle arrived with a cracked lid.",
        Channel channel = Domain.Channel.WebForm,
        RequestedOutcome requestedOutcome = RequestedOutcome.Refund,
        TicketCategory? category = null,
        Severity? severity = null,
        decimal amount = 199m,
        string? orderId = null,
        string? externalId = null) =>
        new(
            channel,
            new CustomerDetails(CustomerId, "Li Lei", "+86 138 0013 8000", "li.lei@example.com", "1 Chang'an Avenue, Beijing", CustomerTier.Regular),
            new OrderDetails(
                orderId ?? "o-" + _run,
                MerchantId,
                amount,
                "CNY",
                new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 11, 3, 8, 0, 0, TimeSpan.Zero),
                [new OrderLine("K-1", "Kettle", 1, amount)]),
            description,
            requestedOutcome,
            category,
            severity,
            externalId);

    /// <summary>Intake, first response and routing: the start every resolution path shares.</summary>
    private async Task<string> OpenAndRouteAsync(TicketSubmission submission)
    {
        var submitted = await Channel().SubmitTicketAsync(submission);
        var id = submitted.Ticket.Id;
        var agent = Agent();
        await agent.AcknowledgeAsync(id, "We are looking into it.");
        var assigned = await agent.AssignAsync(id, Department.CustomerService, "alice");
        Assert.Equal(TicketStatus.InProgress, assigned.Status);
        return id;
    }

    /// <summary>Reads the ticket until <paramref name="condition"/> holds; fails after <see cref="WaitLimit"/>.
    /// For deadlines only, whose reminders fire on the node's own schedule.</summary>
    private static Task<TicketView> WaitUntilAsync(TicketClusterClient client, string ticketId, Func<TicketView, bool> condition, string what) =>
        WaitUntilAsync(
            () => client.GetTicketAsync(ticketId),
            condition,
            t => $"Not {what} within {WaitLimit}: the ticket is {t.Status}, escalation level {t.EscalationLevel}.");

    /// <summary>Reads until <paramref name="condition"/> holds, or fails with <paramref name="failure"/> of the
    /// last value after <see cref="WaitLimit"/>: a bounded wait, never a fixed sleep.</summary>
    private static async Task<T> WaitUntilAsync<T>(Func<Task<T>> read, Func<T, bool> condition, Func<T, string> failure)
    {
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }

            if (elapsed.Elapsed > WaitLimit)
            {
                Assert.Fail(failure(value));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    private static async Task<TicketClusterProblemException> RefusedAsync(Func<Task> call) =>
        await Assert.ThrowsAsync<TicketClusterProblemException>(call);
}

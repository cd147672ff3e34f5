using System.Collections.Immutable;
using TicketCluster.Domain;
using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Customers;
using TicketCluster.Grains.Tests.Support;
using TicketCluster.Grains.Tickets;
using TicketCluster.Testing.Postgres;
using CustomerGrain = TicketCluster.Grains.Legacy.CustomerGrain;
using MerchantGrain = TicketCluster.Grains.Legacy.MerchantGrain;
using TicketGrain = TicketCluster.Grains.Legacy.TicketGrain;

namespace TicketCluster.Grains.Tests.Cluster;

/// <summary>Several nodes sharing one PostgreSQL database: every guarantee comes from the database.</summary>
[Trait("Category", "Postgres")]
[Collection(PostgresFixture.Collection)]
public sealed class MultiNodeTests(PostgresFixture fixture) : IAsyncLifetime
{
    /// <summary>Short windows so that every stage of both ladders falls due within a couple of seconds.</summary>
    private static readonly TicketPolicy FastPolicy = new()
    {
        Sla = SlaPolicy.Default with
        {
            FirstResponseUrgent = TimeSpan.FromMilliseconds(400),
            ResolutionUrgent = TimeSpan.FromMilliseconds(800),
        },
    };

    private Support.Cluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await Support.Cluster.CreateAsync(fixture.Server, FastPolicy);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private static EvidenceItem Evidence(int i) =>
        new(EvidenceKind.Photo, $"https://files.example.com/{i}.jpg", Convert.ToHexStringLower(BitConverter.GetBytes((long)i)).PadLeft(64, '0'), null);

    [Fact]
    public async Task ExecuteAsync_ConcurrentCommandsFromThreeNodes_NoUpdateLost()
    {
        var nodes = new[] { await _cluster.StartNodeAsync("a"), await _cluster.StartNodeAsync("b"), await _cluster.StartNodeAsync("c") };
        var opened = await nodes[0].GetGrain<TicketGrain>("T1").InvokeAsync(g => g.OpenAsync(Support.Cluster.Open("T1", Severity.Normal, "C1", "M1"), null));
        Assert.True(opened.IsAccepted);

        var calls = Enumerable.Range(0, 60).Select(i => nodes[i % 3].GetGrain<TicketGrain>("T1").InvokeAsync(
            g => g.ExecuteAsync(new AddEvidence([Evidence(i)]) { Actor = GrainHarness.Agent })));
        var outcomes = await Task.WhenAll(calls);

        Assert.All(outcomes, o => Assert.True(o.IsAccepted, o.ToString()));
        await using var storage = _cluster.OpenStorage();
        var record = await storage.ReadStateAsync(GrainTypes.TicketId("T1"), CancellationToken.None);
        Assert.Equal(61, record!.Version);
        foreach (var node in nodes)
        {
            // Every node reads every acknowledged write, whichever node made it.
            Assert.Equal(60, (await node.GetGrain<TicketGrain>("T1").ReadAsync(g => g.GetAsync()))!.Evidence.Length);
        }
    }

    [Fact]
    public async Task ReminderDispatch_ManyDueClocksOverThreeNodes_EveryStageExactlyOnce()
    {
        const int tickets = 40;
        var nodes = new[] { await _cluster.StartNodeAsync("a"), await _cluster.StartNodeAsync("b"), await _cluster.StartNodeAsync("c") };

        await Task.WhenAll(Enumerable.Range(0, tickets).Select(i => nodes[i % 3].GetGrain<TicketGrain>($"T{i}")
            .InvokeAsync(g => g.OpenAsync(Support.Cluster.Open($"T{i}", Severity.Urgent, $"C{i}", "M1"), null))));
        await _cluster.WaitForNoRemindersAsync();

        ImmutableArray<ClockStage> ladder = [ClockStage.Warning, ClockStage.Deadline, ClockStage.SecondLevel];
        for (var i = 0; i < tickets; i++)
        {
            var events = await nodes[0].GetGrain<TicketGrain>($"T{i}").ReadAsync(g => g.GetEventsAsync());
            var stages = events.OfType<ClockStageReached>().ToList();
            foreach (var clock in new[] { ClockKind.FirstResponse, ClockKind.Resolution })
            {
                Assert.Equal(ladder, stages.Where(s => s.Clock == clock).Select(s => s.Stage));
            }

            Assert.Equal(2, (await nodes[1].GetGrain<TicketGrain>($"T{i}").ReadAsync(g => g.GetAsync()))!.EscalationLevel);
        }
    }

    [Fact]
    public async Task ReminderDispatch_NodeDiesHoldingClaims_OthersFireAfterLease()
    {
        var doomed = await _cluster.StartNodeAsync("doomed", o =>
        {
            o.Reminders.Enabled = false;
            o.Outbox.Enabled = false;
        });
        for (var i = 0; i < 10; i++)
        {
            await doomed.GetGrain<TicketGrain>($"T{i}").InvokeAsync(g => g.OpenAsync(Support.Cluster.Open($"T{i}", Severity.Urgent, $"C{i}", "M1"), null));
        }

        // The doomed node claims everything that falls due, then dies without completing or releasing.
        await using var storage = _cluster.OpenStorage();
        await Task.Delay(FastPolicy.Sla.ResolutionUrgent * 2.5);
        var held = await storage.ClaimDueRemindersAsync("doomed", 1000, TimeSpan.FromSeconds(2), CancellationToken.None);
        Assert.Equal(20, held.Count);
        await _cluster.CrashNodeAsync(doomed);

        var survivor = await _cluster.StartNodeAsync("survivor");
        await _cluster.WaitForNoRemindersAsync();

        for (var i = 0; i < 10; i++)
        {
            var ticket = await survivor.GetGrain<TicketGrain>($"T{i}").ReadAsync(g => g.GetAsync());
            Assert.Equal(2, ticket!.EscalationLevel);
            Assert.All(ticket.Clocks.Values, c => Assert.Equal(3, c.StagesReached));
        }
    }

    [Fact]
    public async Task OutboxRelay_EventsFromThreeNodes_EachAppliedOnceByReceivers()
    {
        const int tickets = 30;
        var nodes = new[] { await _cluster.StartNodeAsync("a"), await _cluster.StartNodeAsync("b"), await _cluster.StartNodeAsync("c") };

        await Task.WhenAll(Enumerable.Range(0, tickets).Select(i => nodes[i % 3].GetGrain<TicketGrain>($"T{i}")
            .InvokeAsync(g => g.OpenAsync(Support.Cluster.Open($"T{i}", Severity.Normal, $"C{i % 5}", "M1"), null))));
        await _cluster.WaitForEmptyOutboxAsync();

        var scorecard = await nodes[2].GetGrain<MerchantGrain>("M1").ReadAsync(g => g.GetAsync());
        Assert.Equal(tickets, scorecard.OpenDisputeCount);
        for (var c = 0; c < 5; c++)
        {
            var profile = await nodes[c % 3].GetGrain<CustomerGrain>($"C{c}").ReadAsync(g => g.GetAsync());
            Assert.Equal(tickets / 5, profile.Complaints.Count);
        }
    }

    [Fact]
    public async Task OutboxRelay_DelivererDiesMidway_RedeliveredAndAppliedOnce()
    {
        var writer = await _cluster.StartNodeAsync("writer", o =>
        {
            o.Reminders.Enabled = false;
            o.Outbox.Enabled = false;
        });
        for (var i = 0; i < 10; i++)
        {
            await writer.GetGrain<TicketGrain>($"T{i}").InvokeAsync(g => g.OpenAsync(Support.Cluster.Open($"T{i}", Severity.Normal, "C1", "M1"), null));
        }

        // A relay claims and delivers half of the messages, then dies before marking them delivered.
        await using var storage = _cluster.OpenStorage();
        var claimed = await storage.ClaimOutboxAsync("dying", 10, TimeSpan.FromSeconds(1), CancellationToken.None);
        var toMerchant = claimed.Select(c => c.Message).Where(m => m.Target == GrainTypes.MerchantId("M1")).ToList();
        await writer.GetGrain<MerchantGrain>("M1").InvokeAsync(g => g.ReceiveEventsAsync(toMerchant));
        await _cluster.CrashNodeAsync(writer);

        var relay = await _cluster.StartNodeAsync("relay", o => o.Reminders.Enabled = false);
        await _cluster.WaitForEmptyOutboxAsync();

        var scorecard = await relay.GetGrain<MerchantGrain>("M1").ReadAsync(g => g.GetAsync());
        Assert.Equal(10, scorecard.OpenDisputeCount);
        var profile = await relay.GetGrain<CustomerGrain>("C1").ReadAsync(g => g.GetAsync());
        Assert.Equal(10, profile.Complaints.Count);
    }

    [Fact]
    public async Task ReminderAndCommand_RaceOnOneTicket_OneConsistentOutcome()
    {
        var nodes = new[] { await _cluster.StartNodeAsync("a"), await _cluster.StartNodeAsync("b") };
        const int tickets = 20;
        await Task.WhenAll(Enumerable.Range(0, tickets).Select(i => nodes[0].GetGrain<TicketGrain>($"T{i}")
            .InvokeAsync(g => g.OpenAsync(Support.Cluster.Open($"T{i}", Severity.Urgent, $"C{i}", "M1"), null))));

        // Acknowledge around the first-response deadline from the other node while reminders fire.
        await Task.Delay(FastPolicy.Sla.FirstResponseUrgent - TimeSpan.FromMilliseconds(30));
        var acks = await Task.WhenAll(Enumerable.Range(0, tickets).Select(i => nodes[1].GetGrain<TicketGrain>($"T{i}")
            .InvokeAsync(g => g.ExecuteAsync(new AcknowledgeTicket("on it") { Actor = GrainHarness.Agent }))));
        Assert.All(acks, a => Assert.True(a.IsAccepted, a.ToString()));
        await _cluster.WaitForNoRemindersAsync();

        for (var i = 0; i < tickets; i++)
        {
            var events = await nodes[0].GetGrain<TicketGrain>($"T{i}").ReadAsync(g => g.GetEventsAsync());
            var firstResponse = events.OfType<ClockStageReached>().Where(s => s.Clock == ClockKind.FirstResponse).Select(s => s.Stage).ToList();
            var met = events.OfType<ClockMet>().Any(m => m.Clock == ClockKind.FirstResponse);

            // Either the acknowledgement came first (the clock was met, no deadline stage), or the
            // deadline came first (breached, then stopped by the acknowledgement): never both, never twice.
            Assert.Equal(firstResponse.Distinct().Count(), firstResponse.Count);
            Assert.True(met != firstResponse.Contains(ClockStage.Deadline), string.Join(", ", events.Select(e => e.GetType().Name)));
            Assert.Single(events.OfType<TicketAcknowledged>());
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(TicketState.Replay(events)),
                System.Text.Json.JsonSerializer.Serialize(await nodes[1].GetGrain<TicketGrain>($"T{i}").ReadAsync(g => g.GetAsync())));
        }
    }

    [Fact]
    public async Task ReminderDispatch_StalledHolderWritesLate_RefusedByFence()
    {
        var node = await _cluster.StartNodeAsync("writer", o =>
        {
            o.Reminders.Enabled = false;
            o.Outbox.Enabled = false;
        });
        await node.GetGrain<TicketGrain>("T1").InvokeAsync(g => g.OpenAsync(Support.Cluster.Open("T1", Severity.Urgent, "C1", "M1"), null));
        await using var storage = _cluster.OpenStorage();
        await Task.Delay(FastPolicy.Sla.FirstResponseUrgent);

        // A node claims the due warning, then stalls past its lease; another node fires it meanwhile.
        var stalled = Assert.Single(await storage.ClaimDueRemindersAsync("stalled", 1, TimeSpan.FromMilliseconds(300), CancellationToken.None));
        var survivor = await _cluster.StartNodeAsync("survivor", o => o.Outbox.Enabled = false);
        await _cluster.WaitForNoRemindersAsync();
        var before = await storage.ReadStateAsync(GrainTypes.TicketId("T1"), CancellationToken.None);

        // The stalled node wakes and writes its turn with the fencing number of its old claim.
        var late = new TicketCluster.Runtime.Storage.GrainWrite(
            GrainTypes.TicketId("T1"), before!.Version, before.State, [], [],
            new TicketCluster.Runtime.Storage.ReminderCompletion(stalled.Name, stalled.Fence), [], [], null);
        var result = Assert.Single(await storage.WriteAsync([late], CancellationToken.None));

        Assert.Equal(TicketCluster.Runtime.Storage.WriteStatus.FenceLost, result.Status);
        Assert.Equal(before.Version, (await storage.ReadStateAsync(GrainTypes.TicketId("T1"), CancellationToken.None))!.Version);
        var events = await survivor.GetGrain<TicketGrain>("T1").ReadAsync(g => g.GetEventsAsync());
        Assert.Single(events.OfType<ClockStageReached>(), s => s.Clock == ClockKind.FirstResponse && s.Stage == ClockStage.Warning);
    }
}

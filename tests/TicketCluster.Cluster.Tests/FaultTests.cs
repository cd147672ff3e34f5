using System.Net;
using System.Text.Json;
using Orleans.Runtime;
using TicketCluster.Cluster.Tests.Support;
using TicketCluster.Silo.Auth;
using TicketCluster.Testing.Postgres;

namespace TicketCluster.Cluster.Tests;

/// <summary>Stalled nodes and rolling restarts under traffic, with real processes.</summary>
[Collection(PostgresServerGroup.Faults)]
[Trait("Category", "Postgres")]
[Trait("Category", "Cluster")]
public sealed class FaultTests(PostgresFixture postgres, Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>
    /// A node is frozen (SIGSTOP) as its tickets' deadlines fall due and stays frozen until the other nodes have
    /// declared it dead in Orleans' membership; they then own the reminders and activate the tickets afresh,
    /// and every stage fires there. Three nodes, because a death needs two votes (Orleans'
    /// <c>NumVotesForDeathDeclaration</c>): a lone survivor of two does not declare a frozen silo dead while its
    /// last "I am alive" is recent. When the frozen node is thawed, whatever it was in the
    /// middle of writing meets a newer ETag and is refused, and the silo stops itself on learning it is dead
    /// (Orleans fails fast a silo declared dead): nothing is applied twice. Restarted, it rejoins.
    /// </summary>
    [Fact]
    public async Task PausedPastDeath_LateWritesRefusedAndNothingAppliedTwice()
    {
        await using var cluster = await SiloCluster.StartAsync(postgres.Server, nodes: 3, SiloCluster.ShortReminders(new Dictionary<string, string>
        {
            ["TICKETCLUSTER__SLA__FIRSTRESPONSENORMAL"] = "00:00:06",
        }));
        var frozen = cluster.Nodes[0];
        var channel = new ClusterClient([() => cluster.Client(frozen, ApiRole.Channel)]);
        var history = new History();
        for (var i = 0; i < 30; i++)
        {
            using var created = await channel.PostAsync("/api/v1/tickets", Bodies.Complaint($"c-{i}", $"o-{i}"), idempotencyKey: $"intake-{i}");
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            history.Created.Add(JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!);
        }

        // The tickets were opened through the frozen node, so most of their activations live there. Freeze it
        // once the first warning (at 4.8 s) has taken effect, before the deadlines (6 s) and second levels (12 s).
        var reader = new ClusterClient([() => cluster.Client(cluster.Nodes[1], ApiRole.Admin)]);
        await Eventually.Async(
            async () => (await reader.GetJsonAsync($"/api/v1/tickets/{history.Created[0]}/events"))?.EnumerateArray().Any(e => e.GetProperty("type").GetString() == "clock-stage-reached") == true,
            TimeSpan.FromSeconds(60),
            cluster.Logs);
        var generation = Member.Of(await cluster.MembershipAsync(), frozen.SiloPort).First().Address;
        frozen.Pause();
        var frozenFor = System.Diagnostics.Stopwatch.StartNew();
        await Eventually.Async(
            async () => (await cluster.MembershipAsync()).Single(m => m.Address.Equals(generation)).Status == SiloStatus.Dead,
            TimeSpan.FromMinutes(4),
            cluster.Logs);
        output.WriteLine($"the frozen silo was declared dead {frozenFor.Elapsed.TotalSeconds:F1} s after it was frozen");
        await History.AwaitSecondLevelAsync(reader, history.Created, TimeSpan.FromSeconds(90), cluster.Logs);

        frozen.Resume();
        await frozen.WaitForExitAsync(TimeSpan.FromSeconds(60));
        await frozen.StartAsync(SiloCluster.StartTimeout);

        await history.CheckAllAsync(cluster.Gateway(ApiRole.Admin));
        history.AssertNoAnomalies();
        Assert.Equal(SiloStatus.Active, Member.Of(await cluster.MembershipAsync(), frozen.SiloPort).First().Status);
    }

    /// <summary>
    /// Every node is restarted gracefully, one at a time, while a client keeps sending intakes and
    /// acknowledgements and retries only connection failures (as a load balancer does): not one request
    /// may fail, and every acknowledged write is there at the end.
    /// </summary>
    [Fact]
    public async Task RollingRestart_UnderTraffic_NoRequestFails()
    {
        await using var cluster = await SiloCluster.StartAsync(postgres.Server, nodes: 3);
        var channel = cluster.Gateway(ApiRole.Channel);
        var agent = cluster.Gateway(ApiRole.Agent);
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var created = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var acknowledged = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var timings = new System.Collections.Concurrent.ConcurrentQueue<string>();

        using var stop = new CancellationTokenSource();
        var traffic = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                using var intake = await channel.PostAsync("/api/v1/tickets", Bodies.Complaint($"c-{i}", $"o-{i}"), idempotencyKey: $"rolling-{i}");
                if (intake.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
                {
                    failures.Enqueue($"intake {i}: {(int)intake.StatusCode} {await intake.Content.ReadAsStringAsync()}");
                    continue;
                }

                var id = JsonDocument.Parse(await intake.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
                created.Enqueue(id);
                timings.Enqueue($"{i}:{watch.ElapsedMilliseconds}ms");
                // Keyed, as a gateway sends commands: a 503 from a node whose silo is handing its grains over
                // is then safe to send again after its Retry-After, and the gateway does.
                using var ack = await agent.PostAsync($"/api/v1/tickets/{id}/acknowledge", new { message = "On it." }, idempotencyKey: $"rolling-ack-{i}");
                if (ack.StatusCode == HttpStatusCode.OK)
                {
                    acknowledged.Enqueue(id);
                }
                else if (ack.StatusCode != HttpStatusCode.Conflict)
                {
                    // 409 is a retried acknowledgement whose first answer was lost with its connection.
                    failures.Enqueue($"acknowledge {id}: {(int)ack.StatusCode} {await ack.Content.ReadAsStringAsync()}");
                }
            }
        });

        // A freshly started process answers its first requests slowly (the JIT); let traffic reach every
        // node before the first restart so the test exercises restarts, not start-up.
        await Eventually.Async(() => Task.FromResult(created.Count >= 6), TimeSpan.FromSeconds(60), cluster.Logs);
        foreach (var node in cluster.Nodes.ToList())
        {
            var before = created.Count;
            await Eventually.Async(() => Task.FromResult(created.Count > before), TimeSpan.FromSeconds(60), cluster.Logs);
            await node.StopAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, node.ExitCode);
            await node.StartAsync(SiloCluster.StartTimeout);
        }

        var last = created.Count;
        await Eventually.Async(() => Task.FromResult(created.Count > last), TimeSpan.FromSeconds(60), cluster.Logs);
        await stop.CancelAsync();
        await traffic;

        Assert.True(failures.IsEmpty, string.Join("\n", failures) + "\n" + cluster.Logs());
        Assert.True(created.Count > 9, $"only {created.Count} intakes went through: {string.Join(", ", timings)}");
        var reader = cluster.Gateway(ApiRole.Admin);
        foreach (var id in acknowledged)
        {
            var ticket = await reader.GetJsonAsync($"/api/v1/tickets/{id}");
            Assert.Equal("acknowledged", ticket?.GetProperty("status").GetString());
        }
    }

    /// <summary>
    /// PostgreSQL is restarted under traffic: requests in the gap are answered 503 (never 500), readiness
    /// drops and comes back without restarting a node, and every acknowledged intake is there afterwards.
    /// </summary>
    [Fact]
    public async Task PostgresRestartedUnderTraffic_NodesReconnectAndNothingAcknowledgedIsLost()
    {
        Assert.True(postgres.Server.CanRestart, "the test server must be one this fixture started");
        await using var cluster = await SiloCluster.StartAsync(postgres.Server, nodes: 2);
        var channel = cluster.Gateway(ApiRole.Channel);
        var acknowledged = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var answers = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var readiness = new System.Collections.Concurrent.ConcurrentQueue<HttpStatusCode>();

        using var stop = new CancellationTokenSource();
        var traffic = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                using var intake = await channel.PostAsync("/api/v1/tickets", Bodies.Complaint($"c-{i}", $"o-{i}"), idempotencyKey: $"pg-{i}");
                answers.AddOrUpdate((int)intake.StatusCode, 1, (_, n) => n + 1);
                if (intake.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                {
                    acknowledged.Enqueue(JsonDocument.Parse(await intake.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!);
                }
            }
        });
        using var probe = new HttpClient { BaseAddress = cluster.Nodes[0].BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var prober = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var ready = await probe.GetAsync("/health/ready");
                    readiness.Enqueue(ready.StatusCode);
                }
                catch (HttpRequestException)
                {
                    readiness.Enqueue(HttpStatusCode.BadGateway);
                }

                await Task.Delay(100);
            }
        });

        await Eventually.Async(() => Task.FromResult(acknowledged.Count >= 5), TimeSpan.FromSeconds(60), cluster.Logs);
        await postgres.Server.RestartAsync();
        var afterRestart = acknowledged.Count;
        await Eventually.Async(() => Task.FromResult(acknowledged.Count >= afterRestart + 5), TimeSpan.FromSeconds(60), cluster.Logs);
        await stop.CancelAsync();
        await Task.WhenAll(traffic, prober);

        Assert.False(answers.ContainsKey(500), "a storage outage was answered 500: " + string.Join(", ", answers));
        Assert.Contains(HttpStatusCode.ServiceUnavailable, readiness);
        Assert.Equal(HttpStatusCode.OK, readiness.Last());
        Assert.All(cluster.Nodes, n => Assert.True(n.IsRunning, n.NodeId + " died"));
        var reader = cluster.Gateway(ApiRole.Admin);
        foreach (var id in acknowledged)
        {
            Assert.NotNull(await reader.GetJsonAsync($"/api/v1/tickets/{id}"));
        }
    }

    /// <summary>
    /// Scale out 2 → 4 and back in 4 → 2 (graceful) while intake runs and deadlines fall due: every
    /// acknowledged intake is there, and every deadline of every ticket fires in effect exactly once
    /// (the history checker counts lost, duplicated and unexpected effects).
    /// </summary>
    [Fact]
    public async Task ScaleOutAndIn_UnderTraffic_NothingLostOrDuplicated()
    {
        await using var cluster = await SiloCluster.StartAsync(postgres.Server, nodes: 2, SiloCluster.ShortReminders(new Dictionary<string, string>
        {
            ["TICKETCLUSTER__SLA__FIRSTRESPONSENORMAL"] = "00:00:03",
        }));
        var history = new History();
        var created = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var traffic = Task.Run(async () =>
        {
            var channel = cluster.Gateway(ApiRole.Channel);
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                using var intake = await channel.PostAsync("/api/v1/tickets", Bodies.Complaint($"c-{i}", $"o-{i}"), idempotencyKey: $"scale-{i}");
                if (intake.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                {
                    created.Enqueue(JsonDocument.Parse(await intake.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!);
                }
            }
        });

        await Eventually.Async(() => Task.FromResult(created.Count >= 5), TimeSpan.FromSeconds(60), cluster.Logs);
        var added = await Task.WhenAll(cluster.AddNodeAsync(), cluster.AddNodeAsync());
        var before = created.Count;
        await Eventually.Async(() => Task.FromResult(created.Count >= before + 5), TimeSpan.FromSeconds(60), cluster.Logs);
        await cluster.Nodes[0].StopAsync(TimeSpan.FromSeconds(30));
        await added[0].StopAsync(TimeSpan.FromSeconds(30));
        before = created.Count;
        await Eventually.Async(() => Task.FromResult(created.Count >= before + 5), TimeSpan.FromSeconds(60), cluster.Logs);
        await stop.CancelAsync();
        await traffic;

        history.Created.AddRange(created);
        var reader = cluster.Gateway(ApiRole.Admin);
        await History.AwaitSecondLevelAsync(reader, history.Created, TimeSpan.FromSeconds(90), cluster.Logs);
        await history.CheckAllAsync(reader);

        history.AssertNoAnomalies();
    }
}

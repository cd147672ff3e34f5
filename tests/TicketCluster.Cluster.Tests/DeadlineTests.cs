using System.Net;
using System.Text.Json;
using Orleans.Runtime;
using TicketCluster.Cluster.Tests.Support;
using TicketCluster.Silo.Auth;
using TicketCluster.Testing.Postgres;
using Xunit.Abstractions;

namespace TicketCluster.Cluster.Tests;

/// <summary>
/// The deadline bound across the loss of a node (docs/operations.md, "Deadlines when a node is lost"): the
/// silo holding most tickets' reminders is SIGKILLed shortly before their first-response deadlines; every
/// stage still takes effect exactly once, no later than due + the reminder period + failure detection + a
/// margin.
/// </summary>
[Collection(PostgresServerGroup.Kills)]
[Trait("Category", "Postgres")]
[Trait("Category", "Cluster")]
public sealed class DeadlineTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private const int Tickets = 60;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan RetryPeriod = TimeSpan.FromSeconds(10);

    /// <summary>Failure detection at most: three missed probes (<see cref="SiloCluster.FailureDetection"/>).</summary>
    private static readonly TimeSpan FailureDetection = SiloCluster.FailureDetection;

    /// <summary>The survivor's reminder service reading the dead silo's range, the ticket activating afresh
    /// and its turn committing, on a machine shared with other builds.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan Bound = RetryPeriod + FailureDetection + Margin;

    /// <summary>The ring buckets the nodes place, set on them here so the test's ring model and theirs agree.</summary>
    private const int RingBucketsPerSilo = 256;

    [Fact]
    public async Task KillOwner_BeforeDeadline_StageTakesEffectOnceWithinBound()
    {
        await using var cluster = await SiloCluster.StartAsync(postgres.Server, nodes: 2, new Dictionary<string, string>
        {
            ["TICKETCLUSTER__ORLEANS__REMINDERS__MINIMUMPERIOD"] = "00:00:05",
            ["TICKETCLUSTER__ORLEANS__REMINDERS__RETRYPERIOD"] = "00:00:10",
            ["TICKETCLUSTER__SLA__FIRSTRESPONSEURGENT"] = "00:00:20",
            ["TICKETCLUSTER__ORLEANS__REMINDERS__RINGBUCKETSPERSILO"] = RingBucketsPerSilo.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var channels = cluster.Nodes.Select(n => cluster.Client(n, ApiRole.Channel)).ToList();
        var ids = new string[Tickets];
        await Parallel.ForAsync(0, Tickets, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, cancel) =>
        {
            using var created = await channels[i % 2].PostAsync("/api/v1/tickets", System.Net.Http.Json.JsonContent.Create(Bodies.Urgent($"c-{i}", $"o-{i}"), options: Silo.Api.ApiJson.Options), cancel);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var ticket = JsonDocument.Parse(await created.Content.ReadAsStringAsync(cancel)).RootElement;
            Assert.Equal("urgent", ticket.GetProperty("severity").GetString());
            ids[i] = ticket.GetProperty("id").GetString()!;
        });

        // The silo whose reminder service holds most first-response reminders, by Orleans' ring.
        var active = (await cluster.MembershipAsync()).Where(m => m.Status == SiloStatus.Active).Select(m => m.Address).ToList();
        Assert.Equal(2, active.Count);
        var hashes = await ReminderRing.GrainHashesAsync(cluster.ConnectionString, "clock:FirstResponse");
        var owners = ids.GroupBy(id => ReminderRing.OwnerOf(hashes[id], active, RingBucketsPerSilo)).OrderByDescending(g => g.Count()).ToList();
        var victim = cluster.NodeOf(await MemberAsync(cluster, owners[0].Key));
        var survivor = cluster.Nodes.Single(n => n != victim);
        output.WriteLine($"{victim.NodeId} holds {owners[0].Count()} of {Tickets} first-response reminders");

        // Kill it once the first ticket's warning (80 % of the window, 16 s) has taken effect: every deadline
        // is then at most 4 s away and falls due with the silo dead but not yet declared so.
        var admin = new ClusterClient([() => cluster.Client(survivor, ApiRole.Admin)]);
        await Eventually.Async(async () => (await StagesAsync(admin, ids[0])).Count > 0, TimeSpan.FromSeconds(60), cluster.Logs);
        await victim.KillAsync();
        var killedAt = DateTimeOffset.UtcNow;

        var lateness = new List<(string Ticket, string Stage, TimeSpan Late)>();
        await Eventually.Async(
            async () =>
            {
                foreach (var id in ids)
                {
                    var stages = await StagesAsync(admin, id);
                    if (!stages.Any(s => s.Stage == "deadline"))
                    {
                        return false;
                    }
                }

                return true;
            },
            Bound + Window,
            cluster.Logs);

        var duplicated = new List<string>();
        foreach (var id in ids)
        {
            var ticket = (await admin.GetJsonAsync($"/api/v1/tickets/{id}"))!.Value;
            var clock = ticket.GetProperty("deadlines").EnumerateArray().Single(d => d.GetProperty("clock").GetString() == "first-response");
            var due = clock.GetProperty("dueAt").GetDateTimeOffset();
            var started = clock.GetProperty("startedAt").GetDateTimeOffset();
            var stages = await StagesAsync(admin, id);
            foreach (var group in stages.GroupBy(s => s.Stage).Where(g => g.Count() > 1))
            {
                duplicated.Add($"{id}: {group.Key} x{group.Count()}");
            }

            foreach (var (stage, at) in stages)
            {
                var stageDue = stage == "warning" ? started + ((due - started) * 0.8) : due;
                lateness.Add((id, stage, at - stageDue));
            }
        }

        var afterKill = lateness.Where(l => l.Late > TimeSpan.Zero).ToList();
        var worst = lateness.MaxBy(l => l.Late);
        output.WriteLine($"killed at {killedAt:O}; {lateness.Count} stages; worst {worst.Late.TotalSeconds:F1} s late ({worst.Ticket} {worst.Stage}); p50 {Percentile(lateness, 0.5):F1} s, p99 {Percentile(lateness, 0.99):F1} s");
        Assert.True(duplicated.Count == 0, "applied twice: " + string.Join("; ", duplicated));
        Assert.All(lateness, l => Assert.True(l.Late <= Bound, $"{l.Ticket} {l.Stage} {l.Late.TotalSeconds:F1} s late, bound {Bound.TotalSeconds} s"));
        Assert.Equal(Tickets * 2, lateness.Count);
        Assert.True(afterKill.Any(l => l.Late > TimeSpan.FromSeconds(5)), "no stage waited for the dead silo: the kill came too late to test anything");
    }

    private static async Task<Member> MemberAsync(SiloCluster cluster, SiloAddress address) =>
        (await cluster.MembershipAsync()).Single(m => m.Address.Equals(address));

    /// <summary>The first-response warning and deadline stages in the ticket's audit trail (one entry each time
    /// one took effect) with the time it took effect.</summary>
    private static async Task<List<(string Stage, DateTimeOffset At)>> StagesAsync(ClusterClient reader, string id) =>
        (await reader.GetJsonAsync($"/api/v1/tickets/{id}/events"))?.EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == "clock-stage-reached" && e.GetProperty("data").GetProperty("clock").GetString() == "first-response")
            .Select(e => (Stage: e.GetProperty("data").GetProperty("stage").GetString()!, At: e.GetProperty("at").GetDateTimeOffset()))
            .Where(s => s.Stage is "warning" or "deadline")
            .ToList() ?? [];

    private static double Percentile(List<(string Ticket, string Stage, TimeSpan Late)> values, double share)
    {
        var sorted = values.Select(v => v.Late.TotalSeconds).Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(share * sorted.Count) - 1)];
    }
}

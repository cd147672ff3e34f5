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
/// silo whose reminder service holds part of the tickets' reminders (none of their activations) is SIGKILLed
/// a second before the earliest of those deadlines; every stage still takes effect exactly once, no later than
/// due + the reminder period + failure detection + a margin, and the held deadlines due before the takeover
/// wait for it.
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

    /// <summary>Clusters the test may kill a silo on until one shows a held deadline waiting for the takeover
    /// (<see cref="KillOnceAsync"/>).</summary>
    private const int Attempts = 3;

    [Fact]
    public async Task KillOwner_BeforeDeadline_StageTakesEffectOnceWithinBound()
    {
        // Every run must meet the bound with nothing applied twice. That a held deadline waits for the takeover
        // depends on failure detection coming after it: on two cores shared with another test cluster, a
        // survivor has served the dead silo's range less than 0.9 s after the kill (likely having missed the
        // victim's probes before it), before any held deadline. Such a run proves the bound but not the wait,
        // so the kill is repeated on a fresh cluster, at most three times.
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            if (await KillOnceAsync(attempt))
            {
                return;
            }
        }

        Assert.Fail($"in {Attempts} runs no held deadline waited for the survivor to take the dead silo's range over");
    }

    /// <summary>One cluster, one kill: asserts the bound and exactly-once, and answers whether a held deadline
    /// waited for the takeover (took effect more than 5 s late, a tick the dead silo missed).</summary>
    private async Task<bool> KillOnceAsync(int attempt)
    {
        await using var cluster = await SiloCluster.StartAsync(postgres.Server, nodes: 2, new Dictionary<string, string>
        {
            ["TICKETCLUSTER__ORLEANS__REMINDERS__MINIMUMPERIOD"] = "00:00:05",
            ["TICKETCLUSTER__ORLEANS__REMINDERS__RETRYPERIOD"] = "00:00:10",
            ["TICKETCLUSTER__SLA__FIRSTRESPONSEURGENT"] = "00:00:20",
            ["TICKETCLUSTER__ORLEANS__REMINDERS__RINGBUCKETSPERSILO"] = RingBucketsPerSilo.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        // Every intake goes to the node that survives, so every ticket activates there (tickets are placed where
        // they are called) and stays active: a stage held by the dead silo's reminder service then waits for
        // Orleans to hand that silo's range to the survivor; nothing else (a fresh activation's reconciliation,
        // say) decides it early.
        var survivor = cluster.Nodes[0];
        var victim = cluster.Nodes[1];
        var channel = cluster.Client(survivor, ApiRole.Channel);
        var ids = new string[Tickets];
        await Parallel.ForAsync(0, Tickets, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, cancel) =>
        {
            using var created = await channel.PostAsync("/api/v1/tickets", System.Net.Http.Json.JsonContent.Create(Bodies.Urgent($"c-{i}", $"o-{i}"), options: Silo.Api.ApiJson.Options), cancel);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var ticket = JsonDocument.Parse(await created.Content.ReadAsStringAsync(cancel)).RootElement;
            Assert.Equal("urgent", ticket.GetProperty("severity").GetString());
            ids[i] = ticket.GetProperty("id").GetString()!;
        });

        // The tickets whose first-response reminder the victim's reminder service holds, by Orleans' ring.
        var active = (await cluster.MembershipAsync()).Where(m => m.Status == SiloStatus.Active).ToList();
        Assert.Equal(2, active.Count);
        var victimAddress = active.Single(m => cluster.NodeOf(m) == victim).Address;
        var hashes = await ReminderRing.GrainHashesAsync(cluster.ConnectionString, "clock:FirstResponse");
        var held = ids.Where(id => ReminderRing.OwnerOf(hashes[id], active.Select(m => m.Address).ToList(), RingBucketsPerSilo).Equals(victimAddress)).ToList();
        output.WriteLine($"run {attempt}: {victim.NodeId} holds {held.Count} of {Tickets} first-response reminders");
        Assert.True(held.Count > 0, "the victim holds no ticket's reminder: nothing to test");

        // Kill it a second before the earliest deadline it holds: that deadline (and any held one due before
        // the takeover) falls due with the silo dead but not yet declared so, which takes at least two of its
        // missed probes.
        var admin = new ClusterClient([() => cluster.Client(survivor, ApiRole.Admin)]);
        var earliestHeld = DateTimeOffset.MaxValue;
        foreach (var id in held)
        {
            var (due, _) = await FirstResponseAsync(admin, id);
            earliestHeld = due < earliestHeld ? due : earliestHeld;
        }

        var wait = earliestHeld - TimeSpan.FromSeconds(1) - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        await victim.KillAsync();
        var killedAt = DateTimeOffset.UtcNow;
        output.WriteLine($"killed {(earliestHeld - killedAt).TotalSeconds:F1} s before the earliest held deadline");
        var declared = DeclaredDeadAsync(cluster, victimAddress);

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
            var (due, started) = await FirstResponseAsync(admin, id);
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

        output.WriteLine($"the victim was declared dead {((await declared.WaitAsync(Bound)) - killedAt).TotalSeconds:F1} s after the kill");
        var heldDeadlines = lateness.Where(l => l.Stage == "deadline" && held.Contains(l.Ticket)).OrderBy(l => l.Late).ToList();
        output.WriteLine("held deadlines, seconds late: " + string.Join(", ", heldDeadlines.Select(l => l.Late.TotalSeconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture))));
        var worst = lateness.MaxBy(l => l.Late);
        output.WriteLine($"killed at {killedAt:O}; {lateness.Count} stages; worst {worst.Late.TotalSeconds:F1} s late ({worst.Ticket} {worst.Stage}); p50 {Percentile(lateness, 0.5):F1} s, p99 {Percentile(lateness, 0.99):F1} s");
        Assert.True(duplicated.Count == 0, "applied twice: " + string.Join("; ", duplicated));
        Assert.All(lateness, l => Assert.True(l.Late <= Bound, $"{l.Ticket} {l.Stage} {l.Late.TotalSeconds:F1} s late, bound {Bound.TotalSeconds} s"));
        Assert.Equal(Tickets * 2, lateness.Count);
        var waited = heldDeadlines.Any(l => l.Late > TimeSpan.FromSeconds(5));
        output.WriteLine(waited
            ? $"run {attempt}: held deadlines waited for the takeover"
            : $"run {attempt}: the takeover came before every held deadline; the kill is repeated");
        return waited;
    }

    /// <summary>When the membership table first shows <paramref name="silo"/> dead (read every 100 ms).</summary>
    private static async Task<DateTimeOffset> DeclaredDeadAsync(SiloCluster cluster, SiloAddress silo)
    {
        while (!(await cluster.MembershipAsync()).Any(m => m.Address.Equals(silo) && m.Status == SiloStatus.Dead))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        return DateTimeOffset.UtcNow;
    }

    /// <summary>The ticket's first-response deadline and the time its clock started.</summary>
    private static async Task<(DateTimeOffset Due, DateTimeOffset Started)> FirstResponseAsync(ClusterClient reader, string id)
    {
        var ticket = (await reader.GetJsonAsync($"/api/v1/tickets/{id}"))!.Value;
        var clock = ticket.GetProperty("deadlines").EnumerateArray().Single(d => d.GetProperty("clock").GetString() == "first-response");
        return (clock.GetProperty("dueAt").GetDateTimeOffset(), clock.GetProperty("startedAt").GetDateTimeOffset());
    }

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

using System.Text.Json;

namespace TicketCluster.Cluster.Tests.Support;

/// <summary>
/// What clients were told, checked against what the tickets' audit trails say happened: lost effects
/// (an acknowledged write missing), duplicated effects (a deadline handled twice) and unexpected
/// effects (an escalation of a ticket answered in time).
/// </summary>
public sealed class History
{
    public List<string> Created { get; } = [];

    /// <summary>Acknowledgements answered 2xx before the first-response deadline could have passed
    /// (the answer came back within the window counted from the intake's request): no escalation may
    /// precede or follow them.</summary>
    public HashSet<string> Acknowledged { get; } = [];

    /// <summary>Acknowledgements answered 2xx only after the window had passed (a node died under the
    /// call and the call waited for the cluster to notice): the deadline may have fired first, so an
    /// escalation before the acknowledgement is right, one after it is not.</summary>
    public HashSet<string> AcknowledgedLate { get; } = [];

    /// <summary>Acknowledgements whose answer was lost with a node: applied or not, either is right.</summary>
    public HashSet<string> Ambiguous { get; } = [];

    public int Kills { get; set; }

    public List<string> Lost { get; } = [];

    public List<string> Duplicated { get; } = [];

    public List<string> Unexpected { get; } = [];

    public void Check(string id, JsonElement events)
    {
        var list = events.EnumerateArray().ToList();
        var escalations = list.Where(e => e.GetProperty("type").GetString() == "escalated")
            .Select(e => e.GetProperty("data").GetProperty("level").GetInt32())
            .ToList();
        var stages = list.Where(e => e.GetProperty("type").GetString() == "clock-stage-reached")
            .Select(e => $"{e.GetProperty("data").GetProperty("clock").GetString()}/{e.GetProperty("data").GetProperty("generation").GetInt32()}/{e.GetProperty("data").GetProperty("stage").GetString()}")
            .ToList();

        foreach (var duplicate in stages.GroupBy(s => s).Where(g => g.Count() > 1))
        {
            Duplicated.Add($"{id}: {duplicate.Key} x{duplicate.Count()}");
        }

        foreach (var duplicate in escalations.GroupBy(l => l).Where(g => g.Count() > 1))
        {
            Duplicated.Add($"{id}: escalation to level {duplicate.Key} x{duplicate.Count()}");
        }

        var types = list.Select(e => e.GetProperty("type").GetString()).ToList();
        var acknowledgedAt = types.IndexOf("acknowledged");
        var firstEscalationAt = types.IndexOf("escalated");
        var lastEscalationAt = types.LastIndexOf("escalated");
        if (Acknowledged.Contains(id) || AcknowledgedLate.Contains(id))
        {
            if (acknowledgedAt < 0)
            {
                Lost.Add($"{id}: 2xx acknowledgement not in the trail");
            }
            else if (Acknowledged.Contains(id) && firstEscalationAt >= 0)
            {
                Unexpected.Add($"{id}: acknowledged in time but escalated to {string.Join(",", escalations)}");
            }
            else if (lastEscalationAt > acknowledgedAt)
            {
                Unexpected.Add($"{id}: escalated to {string.Join(",", escalations)} after its acknowledgement");
            }
        }
        else if (!Ambiguous.Contains(id))
        {
            if (!escalations.Contains(1) || !escalations.Contains(2))
            {
                Lost.Add($"{id}: left alone but escalated to [{string.Join(",", escalations)}] only");
            }
        }
    }

    /// <summary>Waits until every ticket of <paramref name="ids"/> has escalated to level 2 (both its
    /// first-response deadlines fired), or fails after <paramref name="bound"/> with the nodes' logs.</summary>
    public static Task AwaitSecondLevelAsync(ClusterClient reader, IEnumerable<string> ids, TimeSpan bound, Func<string> logs)
    {
        var waitingFor = new List<string>();
        return Eventually.Async(
            async () =>
            {
                waitingFor.Clear();
                foreach (var id in ids)
                {
                    var ticket = await reader.GetJsonAsync($"/api/v1/tickets/{id}");
                    if (ticket?.GetProperty("escalationLevel").GetInt32() != 2)
                    {
                        waitingFor.Add($"{id}: {ticket?.ToString() ?? "unreadable"}");
                        return false;
                    }
                }

                return true;
            },
            bound,
            () => $"not at level 2: {string.Join("\n", waitingFor)}\n{logs()}");
    }

    /// <summary>Reads every created ticket's audit trail and checks it; a ticket that cannot be read is lost.</summary>
    public async Task CheckAllAsync(ClusterClient reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        foreach (var id in Created)
        {
            if (await reader.GetJsonAsync($"/api/v1/tickets/{id}/events") is { } events)
            {
                Check(id, events);
            }
            else
            {
                Lost.Add($"{id}: acknowledged intake has no ticket");
            }
        }
    }

    /// <summary>Lost, duplicated and unexpected effects must all be zero.</summary>
    public void AssertNoAnomalies()
    {
        Assert.True(Lost.Count == 0, "lost: " + string.Join("; ", Lost));
        Assert.True(Duplicated.Count == 0, "duplicated: " + string.Join("; ", Duplicated));
        Assert.True(Unexpected.Count == 0, "unexpected: " + string.Join("; ", Unexpected));
    }
}

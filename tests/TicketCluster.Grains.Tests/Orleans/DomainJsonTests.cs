using System.Text.Json;
using TicketCluster.Domain;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Serialization;

namespace TicketCluster.Grains.Tests.Orleans;

public sealed class DomainJsonTests
{
    [Fact]
    public void Command_EvidenceLeftDefault_CrossesAsEmptyArray()
    {
        // A command read from a request body that named no evidence: the codec copies it through this JSON.
        TicketCommand sent = new RecordInspectionResult("The serial number is not ours.", default) { Actor = new Actor("alice", ActorRole.Agent) };

        var json = JsonSerializer.Serialize(sent, DomainJson.Options);
        var received = (RecordInspectionResult)JsonSerializer.Deserialize<TicketCommand>(json, DomainJson.Options)!;

        Assert.Contains("\"evidence\":[]", json, StringComparison.Ordinal);
        Assert.False(received.Evidence.IsDefault);
        Assert.Empty(received.Evidence);
        Assert.Equal("The serial number is not ours.", received.Findings);
    }
}

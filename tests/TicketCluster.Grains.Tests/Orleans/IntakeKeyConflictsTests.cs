using Orleans;
using Orleans.Runtime;
using TicketCluster.Grains.Tickets;
using TicketCluster.Storage;

namespace TicketCluster.Grains.Tests.Orleans;

public sealed class IntakeKeyConflictsTests
{
    [Fact]
    public void OwnerOf_DuplicateKeyWrappedByOrleans_NamesTheOwnerElseNull()
    {
        var wrapped = new OrleansException("write failed", new DuplicateIntakeKeyException("intake:customer:C1", "key-1", GrainId.Create(GrainTypes.Ticket, "T9").ToString()));

        Assert.Equal("T9", IntakeKeyConflicts.OwnerOf(wrapped));
        Assert.Null(IntakeKeyConflicts.OwnerOf(new OrleansException("write failed", new InvalidOperationException())));
    }
}

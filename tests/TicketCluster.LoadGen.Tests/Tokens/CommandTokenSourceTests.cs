using TicketCluster.LoadGen.Lifecycle;
using TicketCluster.LoadGen.Tokens;

namespace TicketCluster.LoadGen.Tests.Tokens;

public sealed class CommandTokenSourceTests
{
    [Fact]
    public async Task GetAsync_Merchant_RunsTheCommandWithRoleSubjectAndMerchant()
    {
        // echo prints its arguments: the "token" is the command line the silo's token command would get.
        var token = await new CommandTokenSource("echo token").GetAsync(LoadRole.Merchant, "m-3", CancellationToken.None);

        Assert.Equal("token --role merchant --subject loadgen-m-3 --merchant m-3", token);
    }

    [Fact]
    public async Task GetAsync_CommandFails_Throws()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => new CommandTokenSource("false").GetAsync(LoadRole.Agent, null, CancellationToken.None));
    }
}

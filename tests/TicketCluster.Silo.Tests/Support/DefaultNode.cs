namespace TicketCluster.Silo.Tests.Support;

/// <summary>
/// One node on the default configuration, shared by the tests of a class (<c>IClassFixture</c>) that leave
/// nothing another of them reads: refusals of bad input, and tickets of a customer and order of their own.
/// Starting a node costs about 0.3 s of CPU and stopping it 0.1 s more, so a class of refusals that
/// started one per test spent most of its time starting nodes.
/// </summary>
public sealed class DefaultNode : IAsyncLifetime
{
    public TestSilo Silo { get; private set; } = null!;

    public async Task InitializeAsync() => Silo = await TestSilo.StartSqliteAsync();

    public async Task DisposeAsync() => await Silo.DisposeAsync();
}

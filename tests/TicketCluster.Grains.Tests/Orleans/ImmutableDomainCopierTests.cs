using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Cloning;
using TicketCluster.Domain;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Hosting;
using TicketCluster.Grains.Serialization;
using TicketCluster.Grains.Tests.Support;
using TicketCluster.Grains.Tickets;

namespace TicketCluster.Grains.Tests.Orleans;

/// <summary>Orleans' copier, as a local grain call uses it, with the Domain JSON registration: deeply
/// immutable values are handed over as they are, anything else is still copied.</summary>
public sealed class ImmutableDomainCopierTests : IDisposable
{
    private static readonly Actor Agent = new("agent-1", ActorRole.Agent);

    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer(s => s.AddDomainJson()).BuildServiceProvider();

    private DeepCopier Copier => _services.GetRequiredService<DeepCopier>();

    public void Dispose() => _services.Dispose();

    [Fact]
    public void Copy_DomainCommand_IsTheSameInstance()
    {
        TicketCommand command = new RecordCallbackDone(CallbackOutcome.Settled, "Called back.") { Actor = Agent };

        Assert.Same(command, Copier.Copy(command));
        Assert.Same(command, Copier.Copy((RecordCallbackDone)command));
    }

    [Fact]
    public void Copy_TicketOutcomeWithItsEvents_IsTheSameInstance()
    {
        var outcome = TicketOutcome.Accepted(TestTicketState(), []);

        Assert.Same(outcome, Copier.Copy(outcome));
        Assert.Same(outcome.Ticket, Copier.Copy(outcome.Ticket));
    }

    [Fact]
    public void Copy_ImmutableCollectionsOfDomainValues_AreNotCopied()
    {
        var events = ImmutableList.Create<TicketEvent>(new CallbackCompleted(CallbackOutcome.Settled, "Called back."));
        var byKey = ImmutableDictionary.Create<string, TicketEvent>().Add("k", events[0]);

        Assert.Same(events, Copier.Copy(events));
        Assert.Same(byKey, Copier.Copy(byKey));
    }

    [Fact]
    public void Copy_NotImmutableValueAroundDomainValues_IsStillCopied()
    {
        var list = new List<TicketEvent> { new CallbackCompleted(CallbackOutcome.Settled, "Called back.") };

        var copy = Copier.Copy(list);

        Assert.NotSame(list, copy);
        Assert.Same(list[0], Assert.Single(copy));
    }

    [Fact]
    public void Registration_JsonCodecCopiesNoDomainTypeTheCopierTakes()
    {
        var json = (IGeneralizedCopier)_services.GetRequiredService<JsonCodec>();

        Assert.True(ImmutableDomainCopier.Handles(typeof(TicketState)));
        Assert.False(json.IsSupportedType(typeof(TicketState)));
        Assert.False(json.IsSupportedType(typeof(OpenTicket)));
    }

    private static TicketState TestTicketState()
    {
        var open = TestTickets.OpenCommand("T1", Severity.Normal);
        var decision = TicketDecider.Decide(null, open, new DecisionContext(DateTimeOffset.UnixEpoch, Domain.Sla.TicketPolicy.Default));
        return TicketState.Replay(decision.Events);
    }
}

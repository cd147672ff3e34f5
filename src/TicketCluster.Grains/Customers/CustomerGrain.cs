using System.Collections.Immutable;
using TicketCluster.Domain;
using TicketCluster.Domain.Parties;
using TicketCluster.Grains.Interfaces;
using TicketCluster.Grains.Parties;
using TicketCluster.Grains.Persistence;
using TicketCluster.Grains.Tickets;

namespace TicketCluster.Grains.Customers;

/// <summary>
/// A customer on Orleans: a shell around <see cref="PartyTurn"/>. One turn at a time, so its intake
/// routing and reservations serialize with the facts its tickets push; facts at or below a ticket's
/// watermark were applied before and are dropped in the same turn that applies the others.
/// <para>A batch of facts that leaves the profile as it was (<see cref="PartyTurn.Unchanged"/>: above all a
/// ticket's opening fact, which finds the complaint its intake reserved) is not written: only the ticket's
/// watermark moved, and it rides in the customer's next write. Lost with the activation, it costs nothing:
/// the facts above the stored watermark changed nothing when they were applied to the stored profile, so
/// applied to it again, should their ticket push them again, they change nothing again.</para>
/// </summary>
[GrainType(GrainTypes.Customer)]
public sealed class CustomerGrain(
    [PersistentState(GrainTypes.Customer, GrainTypes.StorageName)] IPersistentState<PartyGrainState<CustomerProfile>> state,
    TimeProvider time,
    PartyRetention retention) : Grain, ICustomerGrain
{
    private CustomerProfile Profile => state.State.Profile ?? CustomerProfile.Create(this.GetPrimaryKeyString(), CustomerTier.Regular);

    public Task<CustomerProfile> GetAsync() => Task.FromResult(Profile);

    public Task<CustomerHistory> GetHistoryAsync(string orderId, TimeSpan window, string? intakeFingerprint) =>
        Task.FromResult(PartyTurn.History(Profile, orderId, window, intakeFingerprint, time.GetUtcNow()));

    public async Task<IntakeRoute> RouteIntakeAsync(string orderId, TicketCategory category, string candidateTicketId, CustomerTier? statedTier, bool forceNew, string? intakeFingerprint)
    {
        var routing = PartyTurn.Route(Profile, orderId, category, candidateTicketId, statedTier, forceNew, intakeFingerprint, time.GetUtcNow(), retention);
        if (routing.Profile is { } reserved)
        {
            await state.WriteAsync(state.State with { Profile = reserved });
        }

        return routing.Route;
    }

    public Task AbandonIntakeAsync(string ticketId, CustomerTier previousTier) =>
        state.WriteAsync(state.State with { Profile = PartyTurn.Abandon(Profile, ticketId, previousTier) });

    public async Task ApplyFactsAsync(string ticketId, ImmutableArray<Sequenced<CustomerFact>> facts)
    {
        var now = time.GetUtcNow();
        var (fresh, watermarks) = Watermarks.Accept(state.State.Watermarks, ticketId, facts, now);
        if (fresh.IsEmpty && ReferenceEquals(watermarks, state.State.Watermarks))
        {
            return;
        }

        var profile = PartyTurn.Apply(Profile, fresh, now, retention);
        var next = new PartyGrainState<CustomerProfile> { Profile = profile, Watermarks = watermarks };
        if (state.State.Profile is { } stored && PartyTurn.Unchanged(stored, profile))
        {
            state.State = next;
            return;
        }

        await state.WriteAsync(next);
    }
}

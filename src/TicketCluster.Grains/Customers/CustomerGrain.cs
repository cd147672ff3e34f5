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
        var routing = PartyTurn.Route(Profile, orderId, category, candidateTicketId, statedTier, forceNew, intakeFingerprint, time.GetUtcNow());
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

        await state.WriteAsync(new PartyGrainState<CustomerProfile> { Profile = PartyTurn.Apply(Profile, fresh, now, retention), Watermarks = watermarks });
    }
}

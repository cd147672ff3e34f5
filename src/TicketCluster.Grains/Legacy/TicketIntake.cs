using TicketCluster.Domain;
using TicketCluster.Domain.Classification;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Customers;
using TicketCluster.Grains.Tickets;
using TicketCluster.Runtime;

namespace TicketCluster.Grains.Legacy;

/// <summary>Intake (<see cref="IntakeProcess"/>) on the legacy grain runtime.</summary>
public sealed class TicketIntake(GrainRuntime runtime, TicketClassifier classifier, Func<string> newTicketId)
{
    private readonly IntakeProcess _process = new(new LegacyIntakeGrains(runtime), classifier, newTicketId);

    /// <inheritdoc cref="IntakeProcess.SubmitAsync"/>
    public Task<IntakeResult> SubmitAsync(IntakeRequest request, string? idempotencyKey, CancellationToken cancellationToken) =>
        _process.SubmitAsync(request, idempotencyKey, cancellationToken);

    private sealed class LegacyIntakeGrains(GrainRuntime runtime) : IIntakeGrains
    {
        public async Task<string?> FindKeyOwnerAsync(string scope, string key, CancellationToken cancellationToken) =>
            (await runtime.Storage.FindIdempotencyOwnerAsync(scope, key, cancellationToken))?.Key;

        public Task<CustomerHistory> GetHistoryAsync(string customerId, string orderId, TimeSpan window, string intakeFingerprint, CancellationToken cancellationToken) =>
            runtime.GetGrain<CustomerGrain>(customerId).InvokeAsync(g => g.GetHistoryAsync(orderId, window, intakeFingerprint), cancellationToken);

        public Task<IntakeRoute> RouteAsync(
            string customerId, string orderId, TicketCategory category, string candidateTicketId, CustomerTier? statedTier, bool forceNew, string intakeFingerprint, CancellationToken cancellationToken) =>
            runtime.GetGrain<CustomerGrain>(customerId).InvokeAsync(
                g => g.RouteIntakeAsync(orderId, category, candidateTicketId, statedTier, forceNew, intakeFingerprint), cancellationToken);

        public Task AbandonAsync(string customerId, string ticketId, CustomerTier previousTier, CancellationToken cancellationToken) =>
            runtime.GetGrain<CustomerGrain>(customerId).InvokeAsync(g => g.AbandonIntakeAsync(ticketId, previousTier), cancellationToken);

        public async Task<IntakeTurn> OpenOrMergeAsync(string ticketId, bool isNew, OpenTicket open, string contactId, IntakeKeys keys, CancellationToken cancellationToken)
        {
            try
            {
                // A ticket id drawn for this intake is new: spare the read (if a concurrent intake opened it
                // meanwhile, the write conflicts and the turn runs again as a merge).
                var ticket = runtime.GetGrain<TicketGrain>(ticketId);
                return isNew
                    ? await ticket.InvokeAsNewAsync(g => g.OpenOrMergeAsync(open, contactId, keys), cancellationToken)
                    : await ticket.InvokeAsync(g => g.OpenOrMergeAsync(open, contactId, keys), cancellationToken);
            }
            catch (DuplicateIdempotencyKeyException duplicate)
            {
                return new IntakeTurn(TicketOutcome.KeyReused(null), Opened: false, duplicate.Owner.Key);
            }
        }

        public Task<IntakeReplay> GetIntakeReplayAsync(string ticketId, IntakeKeys keys, CancellationToken cancellationToken) =>
            runtime.GetGrain<TicketGrain>(ticketId).InvokeAsync(g => g.GetIntakeReplayAsync(keys), cancellationToken);
    }
}

using TicketCluster.Domain;
using TicketCluster.Domain.Classification;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Customers;

namespace TicketCluster.Grains.Tickets;

/// <summary>
/// Intake from any channel: one ticket per problem, on either grain engine (<see cref="IIntakeGrains"/>). A
/// replay of the same idempotency key or channel message returns the ticket it created; an intake about the
/// same customer, order and category as an open ticket is merged into it as a contact; anything else is
/// classified and opens a new ticket.
/// </summary>
public sealed class IntakeProcess(IIntakeGrains grains, TicketClassifier classifier, Func<string> newTicketId)
{
    /// <summary>How far back complaints count as repeats for classification (DESIGN.md: 30 days).</summary>
    public static readonly TimeSpan RepeatWindow = TimeSpan.FromDays(30);

    /// <summary>
    /// Takes an intake. <paramref name="request"/>'s ticket id is ignored (a new one is drawn); an explicit
    /// category or severity of null means "classify". A caller who may not submit for the named customer
    /// is refused before anything is read or recorded. Replays are found only among the submitter's own
    /// keys; the same <paramref name="idempotencyKey"/> with another body is refused as reused.
    /// </summary>
    public async Task<IntakeResult> SubmitAsync(IntakeRequest request, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (TicketDecider.CheckIntakeActor(request.Actor, request.Customer.Id) is { } notPermitted)
        {
            return IntakeResult.Refused(notPermitted);
        }

        var keys = new IntakeKeys(request.Submitter, string.IsNullOrEmpty(idempotencyKey) ? null : idempotencyKey, RequestFingerprint.Of(request));
        var customerId = request.Customer.Id;

        // The customer's history is a read with no effect: it is asked for while the keys are looked up, so
        // an intake waits for one of the two, not for both one after the other. A replay does not need it.
        var reading = grains.GetHistoryAsync(customerId, request.Order.Id, RepeatWindow, keys.Fingerprint, cancellationToken);
        string? replayed;
        try
        {
            replayed = await FindReplayAsync(request, keys, cancellationToken);
        }
        catch
        {
            Forget(reading);
            throw;
        }

        if (replayed is not null)
        {
            Forget(reading);
            return await ReplayedAsync(replayed, keys, cancellationToken);
        }

        var history = await reading;
        request = request with { Customer = request.Customer with { Tier = request.StatedTier ?? history.Tier } };
        var classification = classifier.Classify(new ClassificationInput(
            request.Description,
            request.Category,
            request.Severity,
            request.Customer.Tier,
            request.Order.Amount,
            history.RecentComplaints,
            history.ComplainedAboutOrderBefore));

        var candidate = newTicketId();
        var route = await grains.RouteAsync(customerId, request.Order.Id, classification.Category, candidate, request.StatedTier, forceNew: false, keys.Fingerprint, cancellationToken);
        var turn = await TryIntakeAsync(route.TicketId, request, classification, candidate, keys, cancellationToken);
        if (turn is IntakeAttempt.Replay replay)
        {
            return await ReplayedAsync(replay.TicketId, keys, cancellationToken);
        }

        var intake = ((IntakeAttempt.Taken)turn).Turn;
        if (intake.Outcome.Rejection is { } rejection && !intake.Opened && route.TicketId != candidate)
        {
            // The open ticket the customer's profile named no longer takes contacts (it was resolved or
            // closed meanwhile): this intake opens a ticket of its own.
            route = await grains.RouteAsync(customerId, request.Order.Id, classification.Category, candidate, request.StatedTier, forceNew: true, keys.Fingerprint, cancellationToken);
            turn = await TryIntakeAsync(route.TicketId, request, classification, candidate, keys, cancellationToken);
            if (turn is IntakeAttempt.Replay again)
            {
                return await ReplayedAsync(again.TicketId, keys, cancellationToken);
            }

            intake = ((IntakeAttempt.Taken)turn).Turn;
        }

        if (intake.Outcome.Rejection is { } refused)
        {
            if (intake.Outcome.Ticket is null && route.TicketId == candidate)
            {
                // Nothing of a refused intake may stay: the reservation and the tier it stated go.
                await grains.AbandonAsync(customerId, route.TicketId, route.PreviousTier, cancellationToken);
            }

            return IntakeResult.Refused(refused);
        }

        return intake.Opened
            ? IntakeResult.Created(intake.Outcome.Ticket!, classification)
            : IntakeResult.Merged(intake.Outcome.Ticket!);
    }

    private async Task<IntakeAttempt> TryIntakeAsync(
        string ticketId,
        IntakeRequest request,
        TicketClassification classification,
        string candidate,
        IntakeKeys keys,
        CancellationToken cancellationToken)
    {
        // A contact without a channel message id is recorded under the new ticket id drawn for it: unique.
        var contactId = string.IsNullOrEmpty(request.ExternalId) ? candidate : request.ExternalId;
        var open = new OpenTicket(
            ticketId,
            request.Channel,
            contactId,
            request.Customer,
            request.Order,
            classification.Category,
            classification.Severity,
            request.RequestedOutcome,
            request.Description,
            request.Evidence)
        {
            Actor = request.Actor,
            ClassificationReasons = [.. classification.Reasons],
            Incident = request.Incident,
        };
        var turn = await grains.OpenOrMergeAsync(ticketId, isNew: ticketId == candidate, open, contactId, keys, cancellationToken);

        // Another intake with the same key or channel message won the race: answer with its ticket.
        return turn.KeyOwner is { } owner ? new IntakeAttempt.Replay(owner) : new IntakeAttempt.Taken(turn);
    }

    private abstract record IntakeAttempt
    {
        public sealed record Taken(IntakeTurn Turn) : IntakeAttempt;

        public sealed record Replay(string TicketId) : IntakeAttempt;
    }

    private async Task<string?> FindReplayAsync(IntakeRequest request, IntakeKeys keys, CancellationToken cancellationToken)
    {
        if (keys.IdempotencyKey is { } key
            && await grains.FindKeyOwnerAsync(TicketKeys.IntakeKeyScope(keys.Submitter), key, cancellationToken) is { } byKey)
        {
            return byKey;
        }

        if (!string.IsNullOrEmpty(request.ExternalId)
            && await grains.FindKeyOwnerAsync(TicketKeys.ChannelScope(request.Channel, keys.Submitter), request.ExternalId, cancellationToken) is { } byMessage)
        {
            return byMessage;
        }

        return null;
    }

    /// <summary>A read whose answer is no longer wanted: its failure, should it fail, is observed and dropped.</summary>
    private static void Forget(Task read) =>
        read.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private async Task<IntakeResult> ReplayedAsync(string ticketId, IntakeKeys keys, CancellationToken cancellationToken)
    {
        var replay = await grains.GetIntakeReplayAsync(ticketId, keys, cancellationToken);
        return replay switch
        {
            { Ticket: null } => throw new InvalidOperationException($"Idempotency key points at ticket {ticketId}, which has no state."),
            { BodyDiffers: true } => IntakeResult.KeyReused(),
            _ => IntakeResult.Replayed(replay.Ticket),
        };
    }
}

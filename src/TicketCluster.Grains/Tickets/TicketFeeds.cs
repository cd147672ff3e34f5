using System.Security.Cryptography;
using System.Text;
using TicketCluster.Domain.Parties;
using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;
using Facts = TicketCluster.Domain.Parties;

namespace TicketCluster.Grains.Tickets;

/// <summary>
/// Maps a ticket's events to the facts its customer and merchant grains consume. Each fact keeps the
/// ticket event's id, so a fact delivered twice is applied once.
/// </summary>
public static class TicketFeeds
{
    public const string CustomerFactType = "customer-fact";
    public const string MerchantFactType = "merchant-fact";

    /// <summary>The customer fact an event stands for, or null when the customer model does not care.</summary>
    public static CustomerFact? ForCustomer(TicketState ticket, TicketEvent e)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(e);
        return e switch
        {
            TicketOpened o => new ComplaintOpened(e.EventId, e.TicketId, e.At, o.Order.Id, o.Category),
            TicketClosed => new ComplaintClosed(e.EventId, e.TicketId, e.At),
            TicketReopened => new ComplaintReopened(e.EventId, e.TicketId, e.At),
            Domain.Tickets.ReturnReceived => new Facts.ReturnReceived(e.EventId, e.TicketId, e.At, ticket.Order.Id),
            WarehouseInspected w => new ReturnInspected(e.EventId, e.TicketId, e.At, Finding(w.Outcome)),
            InspectionResultRecorded { Outcome: { } outcome } => new ReturnInspected(e.EventId, e.TicketId, e.At, Finding(outcome)),
            _ => null,
        };
    }

    /// <summary>The merchant fact an event stands for. <paramref name="before"/> is the ticket as it was
    /// before the event (it knows when the merchant's answer was due).</summary>
    public static MerchantFact? ForMerchant(TicketState? before, TicketEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e switch
        {
            TicketOpened or TicketReopened => new DisputeOpened(e.EventId, e.TicketId, e.At),
            Domain.Tickets.MerchantResponded { DueAt: { } dueAt } =>
                new Facts.MerchantResponded(e.EventId, e.TicketId, e.At, dueAt),
            Domain.Tickets.MerchantResponded when before?.Clock(ClockKind.MerchantResponse) is { } clock =>
                new Facts.MerchantResponded(e.EventId, e.TicketId, e.At, NominalDueAt(clock)),
            MerchantStrikeRecorded => new MerchantDeadlineMissed(e.EventId, e.TicketId, e.At),
            Domain.Tickets.ResponsibilityDetermined r => new Facts.ResponsibilityDetermined(e.EventId, e.TicketId, e.At, Liability(r.Party)),
            SatisfactionRecorded s => new SatisfactionRated(e.EventId, e.TicketId, e.At, s.Score),
            TicketClosed => new DisputeClosed(e.EventId, e.TicketId, e.At),
            _ => null,
        };
    }

    /// <summary>
    /// The outbox id of a ticket event sent to one receiver: derived from the event id and the receiver,
    /// so a turn that runs again after a version conflict produces the same ids.
    /// </summary>
    public static Guid OutboxId(string eventId, string receiver)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        ArgumentNullException.ThrowIfNull(receiver);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(receiver + "|" + eventId), hash);
        return new Guid(hash[..16]);
    }

    /// <summary>When the merchant's answer was due, for an event that does not say (an answer without a
    /// pending request): the clock's end of window, or its nominal end once it stopped counting.</summary>
    private static DateTimeOffset NominalDueAt(SlaClock clock) => clock.DueAt ?? clock.StartedAt + clock.Window;

    private static InspectionFinding Finding(WarehouseOutcome outcome) => outcome switch
    {
        WarehouseOutcome.Pass => InspectionFinding.AsDescribed,
        WarehouseOutcome.Fail => InspectionFinding.NoFaultFound,
        WarehouseOutcome.DamagedByCustomer => InspectionFinding.DamagedByCustomer,
        WarehouseOutcome.NotOriginalItem => InspectionFinding.ItemSwappedOrMissing,
        WarehouseOutcome.AccessoriesMissing => InspectionFinding.AccessoriesMissing,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    private static InspectionFinding Finding(InspectionOutcome outcome) => outcome switch
    {
        InspectionOutcome.DefectConfirmed => InspectionFinding.AsDescribed,
        InspectionOutcome.NoFaultFound => InspectionFinding.NoFaultFound,
        InspectionOutcome.DamagedByCustomer => InspectionFinding.DamagedByCustomer,
        InspectionOutcome.NotOriginalItem => InspectionFinding.ItemSwappedOrMissing,
        InspectionOutcome.AccessoriesMissing => InspectionFinding.AccessoriesMissing,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    private static MerchantLiability Liability(ResponsibleParty party) => party switch
    {
        ResponsibleParty.Merchant => MerchantLiability.Full,
        ResponsibleParty.Shared => MerchantLiability.Shared,
        ResponsibleParty.Undetermined => MerchantLiability.Undetermined,
        _ => MerchantLiability.None,
    };
}

using System.Collections.Immutable;
using System.Text.Json.Serialization;
using TicketCluster.Domain.Sla;

namespace TicketCluster.Domain.Tickets;

/// <summary>What went wrong with a shipment, domestic or cross-border (docs/domain.md, Logistics exceptions).</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<LogisticsExceptionKind>))]
public enum LogisticsExceptionKind
{
    Lost,
    Late,
    DamagedInTransit,

    /// <summary>Customs holds the parcel until the customer sends documents (an ID, an invoice, a declaration).</summary>
    HeldAtCustoms,

    WrongAddress,
}

/// <summary>A logistics exception on the ticket, open until cleared (or, for a customs hold, until the
/// customer's documents arrive).</summary>
public sealed record LogisticsIssue(LogisticsExceptionKind Kind, string Note, DateTimeOffset RecordedAt);

/// <summary>Which party must act on each logistics exception, and by which clock: data the decider applies.</summary>
public static class LogisticsRules
{
    /// <summary>The clock that times the party who must act: the carrier traces a lost, late or damaged
    /// parcel; the customer sends customs documents or confirms the address.</summary>
    public static ClockKind ClockOf(LogisticsExceptionKind kind) => kind switch
    {
        LogisticsExceptionKind.HeldAtCustoms => ClockKind.CustomsDocuments,
        LogisticsExceptionKind.WrongAddress => ClockKind.AddressConfirmation,
        _ => ClockKind.CarrierTrace,
    };

    /// <summary>A customs hold waits on the customer's documents, which is not the platform's time: the
    /// resolution clock is paused while it lasts.</summary>
    public static bool PausesResolution(LogisticsExceptionKind kind) => kind == LogisticsExceptionKind.HeldAtCustoms;

    /// <summary>Whether <paramref name="open"/> still holds the resolution clock.</summary>
    public static bool HoldsResolution(ImmutableArray<LogisticsIssue> open) => open.Any(e => PausesResolution(e.Kind));
}

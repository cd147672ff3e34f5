using System.Collections.Immutable;
using TicketCluster.Domain.Privacy;
using TicketCluster.Domain.Sla;

namespace TicketCluster.Domain.Tickets;

/// <summary>The customer as a merchant sees them: masked name, phone and e-mail, and the city only.</summary>
public sealed record MaskedCustomer(string Name, string Phone, string Email, string City);

/// <summary>
/// The projection of a ticket a merchant may see (DESIGN.md, step 5). The customer's personal data is
/// masked by <see cref="PersonalDataMasker"/>; the customer id, tier, channel contacts, external ids,
/// the customer's written statements, satisfaction and internal routing (department, agent, escalation)
/// are left out. The description, evidence notes, the responsibility reasoning and the plan's note are
/// passed on with the personal data inside them redacted (<see cref="FreeTextRedactor"/>): the merchant
/// reads what it must answer, not the customer's phone number or address.
/// </summary>
public sealed record MerchantTicketView(
    string TicketId,
    TicketStatus Status,
    TicketCategory Category,
    Severity Severity,
    RequestedOutcome RequestedOutcome,
    string Description,
    MaskedCustomer Customer,
    OrderInfo Order,
    ImmutableArray<EvidenceItem> Evidence,
    DateTimeOffset OpenedAt,
    DateTimeOffset? MerchantResponseDueAt,
    MerchantPosition? MerchantPosition,
    ResponsibilityDecision? Responsibility,
    ResolutionPlan? Plan,
    bool PlanConfirmed,
    string? ReturnCarrier,
    string? ReturnTrackingNumber,
    decimal Refunded,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? ClosedAt)
{
    /// <summary>The money lines the merchant pays or receives, their reasons redacted; the others are not its business.</summary>
    public ImmutableArray<MoneyLine> MoneyLines { get; init; } = [];

    /// <summary>The open logistics exceptions (its shipment's), notes redacted.</summary>
    public ImmutableArray<LogisticsIssue> LogisticsExceptions { get; init; } = [];

    public static MerchantTicketView From(TicketState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var customer = state.Customer;
        return new MerchantTicketView(
            state.TicketId,
            state.Status,
            state.Category,
            state.Severity,
            state.RequestedOutcome,
            FreeTextRedactor.Redact(state.Description),
            new MaskedCustomer(
                PersonalDataMasker.MaskName(customer.Name),
                PersonalDataMasker.MaskPhone(customer.Phone),
                PersonalDataMasker.MaskEmail(customer.Email),
                PersonalDataMasker.CityOnly(customer.Address)),
            state.Order,
            [.. state.Evidence.Select(e => e with { Note = FreeTextRedactor.RedactOrNull(e.Note) })],
            state.OpenedAt,
            state.Clock(ClockKind.MerchantResponse) is { IsCounting: true } clock ? clock.DueAt : null,
            state.MerchantPosition,
            state.Responsibility is { } responsibility ? responsibility with { Reason = FreeTextRedactor.Redact(responsibility.Reason) } : null,
            state.Plan is { } plan ? plan with { Note = FreeTextRedactor.RedactOrNull(plan.Note) } : null,
            state.IsPlanConfirmed,
            state.Execution.ReturnCarrier,
            state.Execution.ReturnTrackingNumber,
            state.Refunded,
            state.ResolvedAt,
            state.ClosedAt)
        {
            LogisticsExceptions = [.. state.LogisticsExceptions.Select(i => i with { Note = FreeTextRedactor.Redact(i.Note) })],
            MoneyLines = [.. state.MoneyLines.Where(l => l.Concerns(CostParty.Merchant)).Select(l => l with { Reason = FreeTextRedactor.Redact(l.Reason) })],
        };
    }
}

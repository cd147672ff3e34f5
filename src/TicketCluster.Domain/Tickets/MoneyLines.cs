using System.Text.Json.Serialization;

namespace TicketCluster.Domain.Tickets;

/// <summary>What a money line moves (docs/domain.md, Who pays).</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<MoneyLineKind>))]
public enum MoneyLineKind
{
    /// <summary>The return shipping the customer paid, borne by the party responsible (or the plan's payer).</summary>
    ReturnShipping,

    /// <summary>A refund charged back to the party responsible for the problem.</summary>
    RefundChargeback,

    /// <summary>The platform pays the customer ahead (先行赔付) because the merchant stayed silent past its window.</summary>
    AdvancePayment,

    /// <summary>Import duties and taxes the customer paid on a cross-border order: refundable, so paid to the customer.</summary>
    DutiesAndTaxes,

    /// <summary>Any other cost staff record by hand (<see cref="RecordCost"/>): a courier fee, an appraisal.</summary>
    Other,
}

/// <summary>Who pays or receives the money of a line.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<CostParty>))]
public enum CostParty
{
    Customer,
    Merchant,
    Platform,
    Carrier,
}

/// <summary>What decided a line: the responsibility decision, the merchant's silence, the plan's shipping
/// payer, or staff by hand.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<MoneyLineBasis>))]
public enum MoneyLineBasis
{
    Responsibility,
    MerchantSilent,
    Plan,
    Staff,
}

/// <summary>
/// One movement of money a ticket causes: <see cref="Payer"/> pays <see cref="Amount"/> (in the order's
/// currency) to <see cref="Payee"/>, for <see cref="Reason"/>. <see cref="DecidedBy"/> is who made the
/// decision the line follows from (the agent who determined responsibility, the agent who proposed the
/// plan, the staff member who recorded it, or the system for a breached clock); the event that records the
/// line carries who sent the command that caused it.
/// </summary>
public sealed record MoneyLine(MoneyLineKind Kind, CostParty Payer, CostParty Payee, Money Amount, string Reason, MoneyLineBasis Basis, Actor DecidedBy)
{
    /// <summary>When the line was recorded (its event's time); reports convert it at the rate of that UTC
    /// date. Null on lines read from events recorded before it was kept.</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>Whether <paramref name="party"/> pays or receives this line.</summary>
    public bool Concerns(CostParty party) => Payer == party || Payee == party;
}

/// <summary>
/// Who pays, as data the decider applies (a platform product-quality handbook, §一 and §四.2): the party
/// responsible bears the cost; a merchant silent past its response window has the platform pay the
/// customer ahead and bears the refund itself.
/// </summary>
public static class CostRules
{
    /// <summary>The party that bears a cost when <paramref name="responsible"/> is responsible; null when
    /// the decision names none that can pay alone (customer, shared, undetermined).</summary>
    public static CostParty? Bearer(ResponsibleParty? responsible) => responsible switch
    {
        ResponsibleParty.Merchant => CostParty.Merchant,
        ResponsibleParty.Carrier => CostParty.Carrier,
        ResponsibleParty.Platform => CostParty.Platform,
        _ => null,
    };

    /// <summary>The lines a refund of <paramref name="amount"/> causes on <paramref name="state"/> (before the
    /// refund is applied).</summary>
    public static IEnumerable<MoneyLine> ForRefund(TicketState state, Money amount, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(state);
        var silent = state.MerchantStrikes > 0 && state.Responsibility?.Party is not (ResponsibleParty.Customer or ResponsibleParty.Platform or ResponsibleParty.Carrier);
        if (silent)
        {
            yield return new MoneyLine(
                MoneyLineKind.AdvancePayment, CostParty.Platform, CostParty.Customer, amount,
                "the merchant did not respond within its window: the platform pays the customer ahead", MoneyLineBasis.MerchantSilent, Actor.System);
            yield return new MoneyLine(
                MoneyLineKind.RefundChargeback, CostParty.Merchant, CostParty.Platform, amount,
                "the advance payment is recovered from the merchant that did not respond", MoneyLineBasis.MerchantSilent, Actor.System);
            yield break;
        }

        if (Bearer(state.Responsibility?.Party) is { } bearer and not CostParty.Platform)
        {
            yield return new MoneyLine(
                MoneyLineKind.RefundChargeback, bearer, CostParty.Platform, amount,
                $"the refund is charged back to the {Name(bearer)}, found responsible", MoneyLineBasis.Responsibility, state.ResponsibilityDecidedBy ?? actor);
        }
    }

    /// <summary>The line for return shipping of <paramref name="cost"/> the customer paid; null when the
    /// customer bears it.</summary>
    public static MoneyLine? ForReturnShipping(TicketState state, Money cost, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (Bearer(state.Responsibility?.Party) is { } bearer)
        {
            return new MoneyLine(
                MoneyLineKind.ReturnShipping, bearer, CostParty.Customer, cost,
                $"return shipping is borne by the {Name(bearer)}, found responsible", MoneyLineBasis.Responsibility, state.ResponsibilityDecidedBy ?? actor);
        }

        var payer = state.Plan?.ShippingPaidBy switch
        {
            ShippingPayer.Merchant => CostParty.Merchant,
            ShippingPayer.Platform => CostParty.Platform,
            _ => (CostParty?)null,
        };
        return payer is { } p
            ? new MoneyLine(MoneyLineKind.ReturnShipping, p, CostParty.Customer, cost, $"the plan has the {Name(p)} pay the return shipping", MoneyLineBasis.Plan, state.PlanProposedBy ?? actor)
            : null;
    }

    private static string Name(CostParty party) => party.ToString().ToLowerInvariant();
}

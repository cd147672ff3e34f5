using TicketCluster.Domain.Sla;

namespace TicketCluster.Domain.Tickets;

// Resolution plan, approval, confirmation and execution (DESIGN.md steps 7-9), with the money rules:
// amounts in the order's currency, never negative (Money), refunds within the plan and within the
// refund ceiling (the order amount plus confirmed, supervisor-approved compensation).
public static partial class TicketDecider
{
    private static ValidationFailed? ProposeResolution(DecisionBuilder b, ProposeResolution c)
    {
        var plan = c.Plan;
        if (plan is null)
        {
            return Rules.Fail("plan", "is required");
        }

        if ((Rules.Defined(plan.Kind, "plan.kind")
            ?? (plan.ShippingPaidBy is { } payer ? Rules.Defined(payer, "plan.shippingPaidBy") : null)
            ?? (plan.Exchange is { } mode ? Rules.Defined(mode, "plan.exchange") : null)) is { } undefined)
        {
            return undefined;
        }

        var state = b.State;
        if (plan.PaysMoney)
        {
            if (plan.Amount is not { } amount || amount.Amount <= 0)
            {
                return Rules.Fail("plan.amount", $"a {plan.Kind} plan pays a positive amount");
            }

            if (Rules.Currency(amount, state.Order, "plan.amount") is { } wrongCurrency)
            {
                return wrongCurrency;
            }

            if (plan.Kind != ResolutionKind.Compensation && state.Refunded + amount.Amount > state.RefundCeiling)
            {
                return Rules.Fail("plan.amount", $"refunds would total more than {state.RefundCeiling} {amount.Currency}; only approved compensation may exceed the order amount");
            }
        }
        else if (plan.Amount is not null)
        {
            return Rules.Fail("plan.amount", $"a {plan.Kind} plan pays no money");
        }

        if (plan.Kind == ResolutionKind.ReturnAndRefund && plan.ShippingPaidBy is null)
        {
            return Rules.Fail("plan.shippingPaidBy", "a return-and-refund plan says who pays the return shipping");
        }

        if (plan.Kind == ResolutionKind.Exchange && plan.Exchange is null)
        {
            return Rules.Fail("plan.exchange", "an exchange plan says whether the return or the replacement goes first");
        }

        if (plan.Replacement is { } replacement)
        {
            if (plan.Kind != ResolutionKind.Exchange)
            {
                return Rules.Fail("plan.replacement", $"a {plan.Kind} plan names no replacement");
            }

            if (Rules.Blank(replacement.Sku, "plan.replacement.sku") is { } noSku)
            {
                return noSku;
            }
        }

        // A replacement other than the item bought is a different deal: a supervisor approves it.
        var differs = plan.Replacement is { } other && state.OriginalLine is { } original && !ReplacementItem.Of(original).Matches(other.Sku, other.Spec);

        // A return the marketplace's rules grant is approved by the rules themselves; one outside them is
        // the platform's goodwill, which a supervisor grants.
        var assessment = AssessPolicy(b, plan.Kind);
        var requiresApproval = differs
            || (assessment is { } rules ? !rules.InPolicy : b.Policy.RequiresApproval(plan.Kind == ResolutionKind.Compensation, plan.Amount));
        b.Emit(new ResolutionProposed(plan, requiresApproval) { ReplacementDiffers = differs, Policy = assessment });
        if (!requiresApproval)
        {
            AskForConfirmation(b);
        }

        return null;
    }

    /// <summary>The plan against the order's marketplace rules, from the delivery (or the purchase); a
    /// marketplace without configured rules grants nothing.</summary>
    private static PolicyAssessment? AssessPolicy(DecisionBuilder b, ResolutionKind kind)
    {
        var state = b.State;
        if (state.Order.Marketplace is not { } marketplace)
        {
            return null;
        }

        var from = state.Order.DeliveredAt ?? state.Order.PurchasedAt;
        return b.Policy.ReturnPolicies.TryGetValue(marketplace, out var rules)
            ? rules.Assess(marketplace, kind, state.Category, from, b.Now)
            : (kind is ResolutionKind.ReturnAndRefund or ResolutionKind.Exchange or ResolutionKind.Repair ? new PolicyAssessment(marketplace, null, null, InPolicy: false) : null);
    }

    private static void AskForConfirmation(DecisionBuilder b)
    {
        b.StartClock(ClockKind.CustomerConfirmation);
        b.PauseClock(ClockKind.Resolution);
    }

    private static ValidationFailed? ApprovePlan(DecisionBuilder b, ApprovePlan c)
    {
        b.Emit(new PlanApproved(c.Note));
        AskForConfirmation(b);
        return null;
    }

    private static ValidationFailed? RejectPlan(DecisionBuilder b, RejectPlan c)
    {
        if (Rules.Blank(c.Reason, "reason") is { } invalid)
        {
            return invalid;
        }

        b.Emit(new PlanRejected(c.Reason));
        return null;
    }

    private static ValidationFailed? CustomerConfirmation(DecisionBuilder b, RecordCustomerConfirmation c)
    {
        if (Rules.Blank(c.Statement, "statement") is { } invalid)
        {
            return invalid;
        }

        b.Emit(new CustomerConfirmationRecorded(c.Accepted, c.Statement));
        b.FulfilClock(ClockKind.CustomerConfirmation);
        b.ResumeClock(ClockKind.Resolution);
        return null;
    }

    private static ValidationFailed? AuthorizeReturn(DecisionBuilder b, AuthorizeReturn c)
    {
        var plan = b.State.Plan!;
        if (plan.Kind is not (ResolutionKind.ReturnAndRefund or ResolutionKind.Exchange or ResolutionKind.Repair))
        {
            return Rules.Fail("plan", $"a {plan.Kind} plan takes no return");
        }

        if (b.State.Execution.ReturnAuthorizedAt is not null)
        {
            return Rules.Fail("plan", "the return is already authorized");
        }

        var country = b.State.Order.ShipToCountry;
        var inCountry = c.ReturnAddress is null && country is not null ? b.Policy.ReturnAddresses.GetValueOrDefault(country) : null;
        if (c.ReturnAddress is null && inCountry is null)
        {
            return Rules.Fail("returnAddress", country is null
                ? "is required: the order names no destination country with an in-country return address"
                : $"is required: no in-country return address is configured for {country}");
        }

        if (Rules.Blank(c.ReturnAddress ?? inCountry!.Address, "returnAddress") is { } invalid)
        {
            return invalid;
        }

        if (c.Window is { } w && w <= TimeSpan.Zero)
        {
            return Rules.Fail("window", "must be positive");
        }

        var accessories = c.Accessories.IsDefault ? [] : c.Accessories;
        if (accessories.Length > ReturnInstructions.MaxAccessories)
        {
            return Rules.Fail("accessories", $"must list at most {ReturnInstructions.MaxAccessories}");
        }

        for (var i = 0; i < accessories.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(accessories[i]))
            {
                return Rules.Fail($"accessories[{i}]", "must not be empty");
            }
        }

        var window = c.Window ?? b.Policy.Sla.ReturnShipment;
        var address = c.ReturnAddress ?? inCountry!.Address;
        b.Emit(new ReturnAuthorized(address, window)
        {
            Instructions = new ReturnInstructions(address, c.Contact ?? inCountry?.Contact, c.Packaging, accessories),
            InCountry = inCountry is null ? null : country,
        });
        b.StartClock(ClockKind.ReturnShipment, window);
        // The ticket now waits on the customer's shipment, which is not the platform's time.
        b.PauseClock(ClockKind.Resolution);
        return null;
    }

    private static ValidationFailed? ReturnShipped(DecisionBuilder b, RecordReturnShipped c)
    {
        if ((Rules.Blank(c.Carrier, "carrier") ?? Rules.Blank(c.TrackingNumber, "trackingNumber")
            ?? (c.ShippingCost is { } cost ? Rules.Currency(cost, b.State.Order, "shippingCost") : null)) is { } invalid)
        {
            return invalid;
        }

        b.Emit(new ReturnShipped(c.Carrier, c.TrackingNumber) { ShippingCost = c.ShippingCost });
        if (c.ShippingCost is { Amount: > 0 } paid && CostRules.ForReturnShipping(b.State, paid, b.Actor) is { } line)
        {
            b.Emit(new MoneyLineRecorded(line));
        }

        b.FulfilClock(ClockKind.ReturnShipment);
        b.ResumeClock(ClockKind.Resolution);
        return null;
    }

    private static ValidationFailed? ReturnReceived(DecisionBuilder b, RecordReturnReceived c)
    {
        b.Emit(new ReturnReceived(c.Note));
        b.StartClock(ClockKind.WarehouseInspection);
        return null;
    }

    private static ValidationFailed? WarehouseInspection(DecisionBuilder b, RecordWarehouseInspection c)
    {
        if ((Rules.Defined(c.Outcome, "outcome") ?? (c.Outcome != WarehouseOutcome.Pass ? Rules.Blank(c.Note, "note") : null)) is { } invalid)
        {
            return invalid;
        }

        b.Emit(new WarehouseInspected(c.Outcome, c.Note, Deemed: false));
        b.FulfilClock(ClockKind.WarehouseInspection);
        return null;
    }

    private static ValidationFailed? RefundIssued(DecisionBuilder b, RecordRefundIssued c)
    {
        var state = b.State;
        var plan = state.Plan!;
        if (!plan.PaysMoney || plan.Amount is not { } planned)
        {
            return Rules.Fail("plan", $"a {plan.Kind} plan pays no money");
        }

        if (plan.Kind == ResolutionKind.ReturnAndRefund && !state.Execution.ReturnPassed)
        {
            return Rules.Fail("plan", "a return-and-refund plan refunds after the return passes the warehouse inspection");
        }

        if (Rules.Currency(c.Amount, state.Order, "amount") is { } wrongCurrency)
        {
            return wrongCurrency;
        }

        if (c.Amount.Amount <= 0)
        {
            return Rules.Fail("amount", "must be positive");
        }

        if (state.Execution.Paid + c.Amount.Amount > planned.Amount)
        {
            return Rules.Fail("amount", $"the plan pays {planned}; {state.Execution.Paid} is already paid");
        }

        if (state.Refunded + c.Amount.Amount > state.RefundCeiling)
        {
            return Rules.Fail("amount", $"refunds would total more than {state.RefundCeiling} {planned.Currency}");
        }

        var lines = CostRules.ForRefund(state, c.Amount, b.Actor).ToList();
        b.Emit(new RefundIssued(c.Amount, c.Reference));
        foreach (var line in lines)
        {
            b.Emit(new MoneyLineRecorded(line));
        }

        return null;
    }

    private static TicketRejection? ReplacementShipped(DecisionBuilder b, RecordReplacementShipped c)
    {
        var state = b.State;
        var plan = state.Plan!;
        if (plan.Kind is not (ResolutionKind.Exchange or ResolutionKind.Reissue))
        {
            return Rules.Fail("plan", $"a {plan.Kind} plan ships no replacement");
        }

        if (state.Execution.ReplacementShipped)
        {
            return Rules.Fail("plan", "the replacement is already shipped");
        }

        if (plan.Exchange == ExchangeMode.ReturnFirst && !state.Execution.ReturnPassed)
        {
            return Rules.Fail("plan", "a return-first exchange ships after the return passes the warehouse inspection");
        }

        if ((Rules.Blank(c.Carrier, "carrier") ?? Rules.Blank(c.TrackingNumber, "trackingNumber")) is { } invalid)
        {
            return invalid;
        }

        var expected = plan.Replacement ?? (state.OriginalLine is { } line ? ReplacementItem.Of(line) : null);
        if (c.Sku is { } sku && expected is not null && !expected.Matches(sku, c.Spec))
        {
            return new RuleViolated(
                "sku", "replacement-mismatch",
                $"the plan ships {expected.Sku}{(expected.Spec is null ? "" : " (" + expected.Spec + ")")}; another item needs an exchange plan naming it, approved by a supervisor");
        }

        b.Emit(new ReplacementShipped(c.Carrier, c.TrackingNumber) { Sku = c.Sku, Spec = c.Spec });
        return null;
    }

    private static ValidationFailed? RepairCompleted(DecisionBuilder b, RecordRepairCompleted c)
    {
        var state = b.State;
        if (state.Plan!.Kind != ResolutionKind.Repair)
        {
            return Rules.Fail("plan", $"a {state.Plan.Kind} plan has no repair");
        }

        if (state.Execution.RepairCompleted)
        {
            return Rules.Fail("plan", "the repair is already completed");
        }

        if (state.Execution.ReturnAuthorizedAt is not null && !state.Execution.ReturnPassed)
        {
            return Rules.Fail("plan", "the item sent in for repair has not passed the warehouse inspection");
        }

        b.Emit(new RepairCompleted(c.Note));
        return null;
    }

    private static ValidationFailed? Resolve(DecisionBuilder b, ResolveTicket c)
    {
        if (Rules.Blank(c.Result, "result") is { } invalid)
        {
            return invalid;
        }

        if (c.RootCause is { } cause && Rules.Defined(cause, "rootCause") is { } unknownCause)
        {
            return unknownCause;
        }

        if (c.CorrectiveAction is not null && (c.RootCause is null || string.IsNullOrWhiteSpace(c.CorrectiveAction)))
        {
            return Rules.Fail("correctiveAction", c.RootCause is null ? "needs the rootCause it corrects" : "must not be empty");
        }

        if (MissingStep(b.State) is { } missing)
        {
            return Rules.Fail("plan", $"the plan is not carried out yet: {missing}");
        }

        b.Emit(new TicketResolved(c.Result) { RootCause = c.RootCause, CorrectiveAction = c.CorrectiveAction });
        AfterResolution(b);
        return null;
    }

    /// <summary>A question answered in one step: the answer is the first response if none was given yet, and
    /// the resolution; then the ticket takes the resolved path (survey, reopening window, automatic close).</summary>
    private static ValidationFailed? AnswerOnTheSpot(DecisionBuilder b, AnswerOnTheSpot c)
    {
        if (Rules.Blank(c.Answer, "answer") is { } invalid)
        {
            return invalid;
        }

        b.Emit(new TicketResolved(c.Answer) { OnTheSpot = true });
        b.FulfilClock(ClockKind.FirstResponse);
        AfterResolution(b);
        return null;
    }

    private static void AfterResolution(DecisionBuilder b)
    {
        b.FulfilClock(ClockKind.Resolution);
        b.StartClock(ClockKind.Survey);
        b.StartClock(ClockKind.AutoClose);
    }

    /// <summary>What the confirmed plan still needs before the ticket can be resolved; null when it is carried out.</summary>
    internal static string? MissingStep(TicketState state)
    {
        var plan = state.Plan!;
        var done = state.Execution;
        var paidInFull = plan.Amount is { } amount && done.Paid >= amount.Amount;
        return plan.Kind switch
        {
            ResolutionKind.Refund or ResolutionKind.Compensation when !paidInFull => "the amount is not paid in full",
            ResolutionKind.ReturnAndRefund when !done.ReturnPassed => "the return has not passed the warehouse inspection",
            ResolutionKind.ReturnAndRefund when !paidInFull => "the refund is not paid in full",
            ResolutionKind.Exchange when !done.ReplacementShipped => "the replacement is not shipped",
            ResolutionKind.Exchange when !done.ReturnPassed => "the return has not passed the warehouse inspection",
            ResolutionKind.Reissue when !done.ReplacementShipped => "the reissued parts are not shipped",
            ResolutionKind.Repair when !done.RepairCompleted => "the repair is not completed",
            _ => null,
        };
    }
}

using TicketCluster.Domain.Sla;

namespace TicketCluster.Domain.Tickets;

// Intake, first response, routing, investigation and responsibility (DESIGN.md steps 1-6).
public static partial class TicketDecider
{
    /// <summary>
    /// Whether <paramref name="actor"/> may submit an intake for the customer <paramref name="customerId"/>:
    /// the role must open tickets, and a customer opens tickets only for themselves. Intake asks this before
    /// anything is recorded anywhere, so a refused intake leaves no trace on the named customer.
    /// </summary>
    public static ActorNotPermitted? CheckIntakeActor(Actor actor, string? customerId)
    {
        if (!RolePermissions.Allows(TicketCommandKind.Open, actor.Role) || string.IsNullOrWhiteSpace(actor.Id))
        {
            return new ActorNotPermitted(actor.Role, TicketCommandKind.Open, RolePermissions.AllowedFor(TicketCommandKind.Open), "this role may not send the command");
        }

        return actor.Role == ActorRole.Customer && customerId is not null && actor.Id != customerId
            ? new ActorNotPermitted(actor.Role, TicketCommandKind.Open, RolePermissions.AllowedFor(TicketCommandKind.Open), "a customer opens tickets for themselves")
            : null;
    }

    private static TicketRejection? Open(DecisionBuilder b, OpenTicket c)
    {
        if (CheckIntakeActor(c.Actor, c.Customer?.Id) is { } notPermitted)
        {
            return notPermitted;
        }

        var invalid = Rules.Blank(c.TicketId, "ticketId")
            ?? Rules.Blank(c.ExternalId, "externalId")
            ?? Rules.Blank(c.Description, "description")
            ?? (c.Customer is null ? Rules.Fail("customer", "is required") : null)
            ?? (c.Order is null ? Rules.Fail("order", "is required") : null)
            ?? Rules.Blank(c.Customer?.Id, "customer.id")
            ?? Rules.Blank(c.Customer?.Name, "customer.name")
            ?? Rules.Blank(c.Order?.Id, "order.id")
            ?? Rules.Blank(c.Order?.MerchantId, "order.merchantId")
            ?? (c.Order!.Amount.Currency is null ? Rules.Fail("order.amount", "is required") : null)
            ?? OrderRules(c.Order)
            ?? Rules.Defined(c.Channel, "channel")
            ?? Rules.Defined(c.Category, "category")
            ?? Rules.Defined(c.Severity, "severity")
            ?? Rules.Defined(c.RequestedOutcome, "requestedOutcome")
            ?? Rules.Defined(c.Customer!.Tier, "customer.tier")
            ?? Rules.Evidence(c.Evidence, "evidence")
            ?? CustomerRules(c.Customer)
            ?? IncidentRules(c.Incident, c.Order, b.Now)
            ?? (c.Order.Marketplace is { } marketplace && !b.Policy.ReturnPolicies.ContainsKey(marketplace)
                ? Rules.Fail("order.marketplace", "must be one of " + string.Join(", ", b.Policy.ReturnPolicies.Keys.Order(StringComparer.Ordinal)))
                : null);
        if (invalid is not null)
        {
            return invalid;
        }

        // Absent optional parts of the intake are recorded as empty, so the state always serializes.
        var customer = c.Customer! with { Phone = c.Customer.Phone ?? "", Email = c.Customer.Email ?? "", Address = c.Customer.Address ?? "" };
        var order = c.Order! with { Items = c.Order.Items.IsDefault ? [] : c.Order.Items };
        b.Emit(new TicketOpened(
            c.Channel, c.ExternalId, customer, order, c.Category, c.Severity, c.RequestedOutcome, c.Description,
            c.Evidence.IsDefault ? [] : c.Evidence)
        {
            ClassificationReasons = c.ClassificationReasons.IsDefault ? [] : c.ClassificationReasons,
            Incident = c.Incident == IncidentFacts.None ? null : c.Incident,
        });
        b.StartClock(ClockKind.FirstResponse);
        b.StartClock(ClockKind.Resolution);
        return null;
    }

    private static ValidationFailed? CustomerRules(CustomerInfo customer)
    {
        if (customer.Language is { } language && !CustomerLanguages.IsSupported(language))
        {
            return Rules.Fail("customer.language", "must be one of " + string.Join(", ", CustomerLanguages.Supported));
        }

        return customer.TimeZone is { } zone && (string.IsNullOrWhiteSpace(zone) || zone.Any(char.IsWhiteSpace))
            ? Rules.Fail("customer.timeZone", "must be an IANA time zone id such as Asia/Shanghai")
            : null;
    }

    /// <summary>The problem did not happen after the intake, a location has a kind and an id, and the order
    /// line named is one of the order's lines when the order lists them.</summary>
    private static ValidationFailed? IncidentRules(IncidentFacts? incident, OrderInfo order, DateTimeOffset now)
    {
        if (incident is null)
        {
            return null;
        }

        if (incident.OccurredAt > now)
        {
            return Rules.Fail("occurredAt", "must not be in the future");
        }

        if (incident.Location is { } location && (Rules.Defined(location.Kind, "location.kind") ?? Rules.Blank(location.Id, "location.id")) is { } badLocation)
        {
            return badLocation;
        }

        if (incident.OrderLine is not { } line)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(line.LineId) && string.IsNullOrWhiteSpace(line.Sku))
        {
            return Rules.Fail("orderLine", "must name a lineId, a sku or both");
        }

        var items = order.Items.IsDefault ? [] : order.Items;
        return items.Length > 0 && !items.Any(i => (line.LineId is null || i.LineId == line.LineId) && (line.Sku is null || i.Sku == line.Sku))
            ? Rules.Fail("orderLine", "names no line of the order")
            : null;
    }

    private static ValidationFailed? OrderRules(OrderInfo order)
    {
        if (order.DeliveredAt is { } delivered && delivered < order.PurchasedAt)
        {
            return new ValidationFailed("order.deliveredAt", "must not be before the purchase");
        }

        if (order.ShipToCountry is { } country && !CountryCode.IsWellFormed(country))
        {
            return new ValidationFailed("order.shipToCountry", "must be an ISO 3166-1 alpha-2 code in upper case, e.g. DE");
        }

        var items = order.Items.IsDefault ? [] : order.Items;
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i] is not { Quantity: > 0 } item)
            {
                return new ValidationFailed($"order.items[{i}].quantity", "must be positive");
            }

            if (Rules.Currency(item.UnitPrice, order, $"order.items[{i}].unitPrice") is { } wrong)
            {
                return wrong;
            }
        }

        return null;
    }

    private static ValidationFailed? Acknowledge(DecisionBuilder b, AcknowledgeTicket c)
    {
        if (Rules.Blank(c.Message, "message") is { } invalid)
        {
            return invalid;
        }

        b.Emit(new TicketAcknowledged(c.Message));
        b.FulfilClock(ClockKind.FirstResponse);
        return null;
    }

    private static ValidationFailed? Assign(DecisionBuilder b, AssignTicket c)
    {
        if ((Rules.Blank(c.AgentId, "agentId") ?? Rules.Defined(c.Department, "department")) is { } invalid)
        {
            return invalid;
        }

        b.Emit(new TicketAssigned(c.Department, c.AgentId));
        return null;
    }

    private static ValidationFailed? RequestInformation(DecisionBuilder b, RequestInformation c)
    {
        if (Rules.Blank(c.Question, "question") is { } invalid)
        {
            return invalid;
        }

        b.Emit(new InformationRequested(c.Question));
        b.StartClock(ClockKind.CustomerReply);
        b.PauseClock(ClockKind.Resolution);
        return null;
    }

    private static ValidationFailed? CustomerReply(DecisionBuilder b, RecordCustomerReply c)
    {
        if ((Rules.Blank(c.Message, "message") ?? Rules.Evidence(c.Evidence, "evidence")) is { } invalid)
        {
            return invalid;
        }

        b.Emit(new CustomerReplied(c.Message, c.Evidence.IsDefault ? [] : c.Evidence));
        b.FulfilClock(ClockKind.CustomerReply);
        b.ResumeClock(ClockKind.Resolution);
        return null;
    }

    private static ValidationFailed? AddEvidence(DecisionBuilder b, AddEvidence c)
    {
        if (Rules.Evidence(c.Evidence, "evidence", required: true) is { } invalid)
        {
            return invalid;
        }

        b.Emit(new EvidenceAdded(c.Evidence));
        return null;
    }

    private static ValidationFailed? AddContact(DecisionBuilder b, AddContact c)
    {
        if ((Rules.Blank(c.ExternalId, "externalId") ?? Rules.Defined(c.Channel, "channel") ?? Rules.Evidence(c.Evidence, "evidence")) is { } invalid)
        {
            return invalid;
        }

        // The same contact delivered again (a gateway retry) is already merged: nothing to record.
        if (b.State.Contacts.Any(k => k.Channel == c.Channel && k.ExternalId == c.ExternalId))
        {
            return null;
        }

        b.Emit(new ContactAdded(new ContactRecord(c.Channel, c.ExternalId, b.Now, c.Description), c.Evidence.IsDefault ? [] : c.Evidence));
        return null;
    }

    private static ValidationFailed? RequestMerchantResponse(DecisionBuilder b, RequestMerchantResponse c)
    {
        if (Rules.Blank(c.Note, "note") is { } invalid)
        {
            return invalid;
        }

        b.Emit(new MerchantResponseRequested(b.State.Order.MerchantId, c.Note));
        b.StartClock(ClockKind.MerchantResponse);
        return null;
    }

    private static ValidationFailed? MerchantResponse(DecisionBuilder b, RecordMerchantResponse c)
    {
        if ((Rules.Blank(c.Statement, "statement") ?? Rules.Defined(c.Position, "position") ?? Rules.Evidence(c.Evidence, "evidence")) is { } invalid)
        {
            return invalid;
        }

        b.Emit(new MerchantResponded(c.Position, c.Statement, c.Evidence.IsDefault ? [] : c.Evidence, b.State.Clock(ClockKind.MerchantResponse)?.DueAt));
        b.FulfilClock(ClockKind.MerchantResponse);
        return null;
    }

    private static ValidationFailed? StartInvestigation(DecisionBuilder b, StartInvestigation c)
    {
        if ((Rules.Blank(c.Note, "note") ?? Rules.Defined(c.Investigation, "investigation")) is { } invalid)
        {
            return invalid;
        }

        b.Emit(new InvestigationStarted(c.Investigation, c.Note));
        return null;
    }

    private static ValidationFailed? InspectionResult(DecisionBuilder b, RecordInspectionResult c)
    {
        if ((Rules.Blank(c.Findings, "findings") ?? Rules.Evidence(c.Evidence, "evidence")) is { } invalid)
        {
            return invalid;
        }

        if (c.Outcome is { } outcome && Rules.Defined(outcome, "outcome") is { } badOutcome)
        {
            return badOutcome;
        }

        if (c.WarrantyMonths is < 1 or > WarrantyAssessment.MaxMonths)
        {
            return Rules.Fail("warrantyMonths", $"must be 1 to {WarrantyAssessment.MaxMonths} months");
        }

        b.Emit(new InspectionResultRecorded(c.Findings, c.Evidence.IsDefault ? [] : c.Evidence)
        {
            Outcome = c.Outcome,
            Warranty = c.WarrantyMonths is { } months ? WarrantyAssessment.At(b.State.Order.PurchasedAt, months, b.Now) : null,
        });
        return null;
    }

    private static ValidationFailed? DetermineResponsibility(DecisionBuilder b, DetermineResponsibility c)
    {
        if ((Rules.Blank(c.Reason, "reason") ?? Rules.Defined(c.Party, "party")) is { } invalid)
        {
            return invalid;
        }

        b.Emit(new ResponsibilityDetermined(c.Party, c.Reason));
        return null;
    }

    private static ValidationFailed? ChangeSeverity(DecisionBuilder b, ChangeSeverity c)
    {
        if ((Rules.Blank(c.Reason, "reason") ?? Rules.Defined(c.Severity, "severity")) is { } invalid)
        {
            return invalid;
        }

        if (c.Severity == b.State.Severity)
        {
            return Rules.Fail("severity", $"is already {c.Severity}");
        }

        var from = b.State.Severity;
        b.Emit(new SeverityChanged(from, c.Severity, c.Reason) { Classified = b.State.Classified });
        foreach (var kind in (ReadOnlySpan<ClockKind>)[ClockKind.FirstResponse, ClockKind.Resolution])
        {
            if (b.State.Clock(kind) is { IsOpen: true } clock)
            {
                // A clock keeps its calendar unless the change decides whether it may count business time
                // (to or from urgent): then it counts on what the policy selects now.
                var calendar = ClockRules.CountsBusinessTime(kind, from) == ClockRules.CountsBusinessTime(kind, c.Severity)
                    ? clock.Calendar
                    : b.CalendarFor(kind, c.Severity);
                b.Emit(new ClockReplanned(kind, clock.Generation + 1, b.Policy.Sla.WindowOf(kind, c.Severity), b.Policy.Escalation) { Calendar = calendar });
            }
        }

        return null;
    }

    private static ValidationFailed? ChangeCategory(DecisionBuilder b, ChangeCategory c)
    {
        if ((Rules.Blank(c.Reason, "reason") ?? Rules.Defined(c.Category, "category")) is { } invalid)
        {
            return invalid;
        }

        if (c.Category == b.State.Category)
        {
            return Rules.Fail("category", $"is already {c.Category}");
        }

        b.Emit(new CategoryChanged(b.State.Category, c.Category, c.Reason) { Classified = b.State.Classified });
        return null;
    }

    private static ValidationFailed? Escalate(DecisionBuilder b, EscalateTicket c)
    {
        if (Rules.Blank(c.Reason, "reason") is { } invalid)
        {
            return invalid;
        }

        if (b.State.EscalationLevel >= MaxEscalationLevel)
        {
            return Rules.Fail("level", "the ticket is already escalated to the manager");
        }

        b.Emit(new TicketEscalated(b.State.EscalationLevel + 1, EscalationReason.Manual, null, c.Reason));
        return null;
    }

    /// <summary>Level 1 is the supervisor, level 2 the manager.</summary>
    public const int MaxEscalationLevel = 2;
}

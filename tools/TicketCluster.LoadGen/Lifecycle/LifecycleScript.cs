using TicketCluster.Client;
using TicketCluster.Domain;
using TicketCluster.Domain.Tickets;

namespace TicketCluster.LoadGen.Lifecycle;

/// <summary>One follow-up command: who sends it, how long after the previous answer, and its body (the
/// command's fields, serialized by the client).</summary>
public sealed record LifecycleStep(string Command, LoadRole Role, TimeSpan ThinkTime, object Body);

/// <summary>
/// The commands that carry one ticket from intake to survey, in the order the process takes them and
/// with the role that sends each in production: acknowledge and assign (agent); for some tickets the
/// merchant asked and answering (agent, merchant); a plan proposed (agent) and confirmed in writing
/// (channel); the plan carried out (refund: finance; return and refund: agent, channel, warehouse,
/// finance; repair: merchant); resolve (agent); the survey (channel). Plans stay under the approval
/// threshold (orders are under 1,000 CNY), so no supervisor step is needed.
/// </summary>
public static class LifecycleScript
{
    /// <summary>The share of tickets whose merchant is asked to respond.</summary>
    public const double MerchantShare = 0.3;

    /// <summary>The plan the agent proposes for what the customer asked for.</summary>
    public static ResolutionKind PlanFor(RequestedOutcome outcome) => outcome switch
    {
        RequestedOutcome.ReturnAndRefund or RequestedOutcome.Exchange => ResolutionKind.ReturnAndRefund,
        RequestedOutcome.Repair => ResolutionKind.Repair,
        _ => ResolutionKind.Refund,
    };

    /// <summary>The follow-ups of a ticket opened for <paramref name="outcome"/> on an order of
    /// <paramref name="amount"/> <paramref name="currency"/>; think times are drawn exponentially around
    /// <paramref name="meanThinkTime"/>.</summary>
    public static IReadOnlyList<LifecycleStep> For(RequestedOutcome outcome, decimal amount, string currency, Random random, TimeSpan meanThinkTime)
    {
        ArgumentNullException.ThrowIfNull(random);
        var steps = new List<LifecycleStep>();
        void Add(string command, LoadRole role, object body) =>
            steps.Add(new LifecycleStep(command, role, Think(random, meanThinkTime), body));

        Add(TicketCommands.Acknowledge, LoadRole.Agent, new { message = "We have your complaint and are looking into it." });
        Add(TicketCommands.Assign, LoadRole.Agent, new { department = Department.CustomerService, agentId = $"agent-{random.Next(1, 51)}" });
        if (random.NextDouble() < MerchantShare)
        {
            Add(TicketCommands.RequestMerchantResponse, LoadRole.Agent, new { note = "Please respond to the customer's complaint with evidence." });
            Add(TicketCommands.MerchantResponse, LoadRole.Merchant, new { position = MerchantPosition.Accept, statement = "We accept the complaint.", evidence = Array.Empty<object>() });
        }

        var kind = PlanFor(outcome);
        var money = new Money(amount, currency);
        var plan = kind switch
        {
            ResolutionKind.ReturnAndRefund => new { kind, amount = (Money?)money, shippingPaidBy = (ShippingPayer?)ShippingPayer.Merchant, note = (string?)null },
            ResolutionKind.Repair => new { kind, amount = (Money?)null, shippingPaidBy = (ShippingPayer?)null, note = (string?)"Technician visit." },
            _ => new { kind, amount = (Money?)money, shippingPaidBy = (ShippingPayer?)null, note = (string?)null },
        };
        Add(TicketCommands.ProposeResolution, LoadRole.Agent, new { plan });
        Add(TicketCommands.CustomerConfirmation, LoadRole.Channel, new { accepted = true, statement = "I accept the proposed resolution." });
        switch (kind)
        {
            case ResolutionKind.ReturnAndRefund:
                Add(TicketCommands.AuthorizeReturn, LoadRole.Agent, new { returnAddress = "Returns desk, 8 Warehouse Road, Tianjin" });
                Add(TicketCommands.ReturnShipped, LoadRole.Channel, new { carrier = "SF Express", trackingNumber = $"SF{random.NextInt64(1_000_000_000, 9_999_999_999)}" });
                Add(TicketCommands.ReturnReceived, LoadRole.Warehouse, new { note = "Box intact." });
                Add(TicketCommands.WarehouseInspection, LoadRole.Warehouse, new { outcome = WarehouseOutcome.Pass });
                Add(TicketCommands.RefundIssued, LoadRole.Finance, new { amount = money });
                break;
            case ResolutionKind.Repair:
                Add(TicketCommands.RepairCompleted, LoadRole.Merchant, new { note = "Repaired on site." });
                break;
            default:
                Add(TicketCommands.RefundIssued, LoadRole.Finance, new { amount = money });
                break;
        }

        Add(TicketCommands.Resolve, LoadRole.Agent, new { result = "Your case is resolved." });
        Add(TicketCommands.Satisfaction, LoadRole.Channel, new { score = random.Next(1, 6) });
        return steps;
    }

    private static TimeSpan Think(Random random, TimeSpan mean) =>
        TimeSpan.FromTicks((long)(-Math.Log(1 - random.NextDouble()) * mean.Ticks));
}

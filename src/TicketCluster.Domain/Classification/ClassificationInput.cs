namespace TicketCluster.Domain.Classification;

/// <summary>What the classifier knows about a new ticket.</summary>
/// <param name="Description">The customer's description, in any of the supported languages.</param>
/// <param name="ExplicitCategory">A category chosen by the customer or an agent; wins over the rules.</param>
/// <param name="ExplicitSeverity">A severity chosen by an agent; wins over the rules.</param>
/// <param name="CustomerTier">The customer's loyalty tier.</param>
/// <param name="OrderAmount">The order's total, when the ticket is about an order.</param>
/// <param name="RecentComplaintCount">
/// The customer's other complaints opened within <see cref="ClassificationRules.RepeatWindow"/> before
/// this one (not counting this one); see <c>CustomerProfile.ComplaintsWithin</c>.
/// </param>
/// <param name="ComplainedAboutOrderBefore">Whether the customer already complained about this order.</param>
public sealed record ClassificationInput(
    string Description,
    TicketCategory? ExplicitCategory,
    Severity? ExplicitSeverity,
    CustomerTier CustomerTier,
    Money? OrderAmount,
    int RecentComplaintCount,
    bool ComplainedAboutOrderBefore);

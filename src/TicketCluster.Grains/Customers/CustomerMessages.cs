namespace TicketCluster.Grains.Customers;

/// <summary>The customer's complaint count within the repeat window, whether this order was complained
/// about before, and the tier the profile knows.</summary>
public sealed record CustomerHistory(int RecentComplaints, bool ComplainedAboutOrderBefore, Domain.CustomerTier Tier);

/// <summary>The ticket an intake goes to: an open one to merge into, or the new one reserved for it; and
/// the profile's tier before the intake, to restore if the reservation is abandoned.</summary>
public sealed record IntakeRoute(string TicketId, bool Merged, Domain.CustomerTier PreviousTier);

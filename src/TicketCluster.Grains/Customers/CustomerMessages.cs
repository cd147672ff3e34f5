namespace TicketCluster.Grains.Customers;

/// <summary>The customer's complaint count within the repeat window, whether this order was complained
/// about before, and the tier the profile knows.</summary>
[GenerateSerializer, Immutable, Alias("tc.CustomerHistory")]
public sealed record CustomerHistory([property: Id(0)] int RecentComplaints, [property: Id(1)] bool ComplainedAboutOrderBefore, [property: Id(2)] Domain.CustomerTier Tier);

/// <summary>The ticket an intake goes to: an open one to merge into, or the new one reserved for it; and
/// the profile's tier before the intake, to restore if the reservation is abandoned.</summary>
[GenerateSerializer, Immutable, Alias("tc.IntakeRoute")]
public sealed record IntakeRoute([property: Id(0)] string TicketId, [property: Id(1)] bool Merged, [property: Id(2)] Domain.CustomerTier PreviousTier);

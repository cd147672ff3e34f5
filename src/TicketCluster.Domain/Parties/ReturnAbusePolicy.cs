namespace TicketCluster.Domain.Parties;

/// <summary>
/// When a customer is flagged for return abuse: at least <see cref="MaxReturns"/> returns received, or at
/// least <see cref="MaxFlaggedFindings"/> inspections with a finding in <see cref="FlaggedFindings"/>, within
/// <see cref="Window"/>. Defaults: 5 returns or 1 "damaged by customer" / "item swapped or missing" finding
/// within 90 days. The flag is advice for the agent (stricter checks, ship-first exchanges refused), not a
/// decision the model takes.
/// </summary>
public sealed record ReturnAbusePolicy
{
    public static ReturnAbusePolicy Default { get; } = new();

    public TimeSpan Window { get; init; } = TimeSpan.FromDays(90);

    public int MaxReturns { get; init; } = 5;

    public int MaxFlaggedFindings { get; init; } = 1;

    public IReadOnlyList<InspectionFinding> FlaggedFindings { get; init; } =
        [InspectionFinding.DamagedByCustomer, InspectionFinding.ItemSwappedOrMissing];
}

/// <summary>The result of <see cref="CustomerProfile.AssessReturnAbuse"/>: the flag and the counts behind it.</summary>
public readonly record struct ReturnAbuseAssessment(bool Suspected, int ReturnsInWindow, int FlaggedFindingsInWindow);

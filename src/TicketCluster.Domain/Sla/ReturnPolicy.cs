using System.Collections.Immutable;
using TicketCluster.Domain.Tickets;

namespace TicketCluster.Domain.Sla;

/// <summary>
/// The return and warranty rules of one marketplace. Every window runs from the delivery (the purchase when
/// the order has no delivery time); a null window is a rule the marketplace does not have.
/// </summary>
public sealed record ReturnPolicy
{
    /// <summary>Return for any reason (mainland China: 7 days, 七天无理由退货).</summary>
    public TimeSpan? NoReasonReturn { get; init; }

    /// <summary>The consumer's right of withdrawal (EU: 14 days).</summary>
    public TimeSpan? Withdrawal { get; init; }

    /// <summary>Statutory return of covered goods with a defect (mainland China 三包: 7 days).</summary>
    public TimeSpan? StatutoryReturn { get; init; }

    /// <summary>Statutory replacement of covered goods with a defect (三包: 15 days; EU legal guarantee: 2 years).</summary>
    public TimeSpan? StatutoryReplace { get; init; }

    /// <summary>Statutory repair of covered goods with a defect (三包: 1 year; EU legal guarantee: 2 years).</summary>
    public TimeSpan? StatutoryRepair { get; init; }

    /// <summary>The categories whose tickets the statutory periods cover (a defect of the goods).</summary>
    public ImmutableArray<TicketCategory> CoveredCategories { get; init; } = [TicketCategory.ProductQuality];

    public static ReturnPolicy MainlandChina { get; } = new()
    {
        NoReasonReturn = TimeSpan.FromDays(7),
        StatutoryReturn = TimeSpan.FromDays(7),
        StatutoryReplace = TimeSpan.FromDays(15),
        StatutoryRepair = TimeSpan.FromDays(365),
    };

    public static ReturnPolicy EuropeanUnion { get; } = new()
    {
        Withdrawal = TimeSpan.FromDays(14),
        StatutoryReplace = TimeSpan.FromDays(730),
        StatutoryRepair = TimeSpan.FromDays(730),
    };

    /// <summary>Whether a plan of <paramref name="kind"/> for a ticket of <paramref name="category"/> is within
    /// one of the rules at <paramref name="now"/>; null for a plan the rules do not speak of (refund without
    /// return, compensation, reissue, apology).</summary>
    public PolicyAssessment? Assess(string marketplace, ResolutionKind kind, TicketCategory category, DateTimeOffset from, DateTimeOffset now)
    {
        var covered = CoveredCategories.Contains(category);
        (string Rule, TimeSpan? Window)[] rules = kind switch
        {
            ResolutionKind.ReturnAndRefund => [("no-reason-return", NoReasonReturn), ("withdrawal", Withdrawal), ("statutory-return", covered ? StatutoryReturn : null)],
            ResolutionKind.Exchange => [("no-reason-return", NoReasonReturn), ("withdrawal", Withdrawal), ("statutory-replace", covered ? StatutoryReplace : null)],
            ResolutionKind.Repair => [("statutory-repair", covered ? StatutoryRepair : null)],
            _ => [],
        };
        if (rules.Length == 0)
        {
            return null;
        }

        foreach (var (rule, window) in rules)
        {
            if (window is { } w && now < from + w)
            {
                return new PolicyAssessment(marketplace, rule, from + w, InPolicy: true);
            }
        }

        return new PolicyAssessment(marketplace, null, null, InPolicy: false);
    }

    /// <summary>Configuration errors of the policy named <paramref name="name"/>.</summary>
    public IEnumerable<string> Validate(string name)
    {
        foreach (var (rule, window) in new[] { (nameof(NoReasonReturn), NoReasonReturn), (nameof(Withdrawal), Withdrawal), (nameof(StatutoryReturn), StatutoryReturn), (nameof(StatutoryReplace), StatutoryReplace), (nameof(StatutoryRepair), StatutoryRepair) })
        {
            if (window is { } w && (w <= TimeSpan.Zero || w > MaxWindow))
            {
                yield return $"ReturnPolicies:{name}:{rule} must be positive and at most {MaxWindow.TotalDays:0} days.";
            }
        }
    }

    /// <summary>The longest window a rule may have: ten years.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(3650);
}

/// <summary>How a return, exchange or repair plan stands against its marketplace's rules: the rule that
/// covers it (<c>no-reason-return</c>, <c>withdrawal</c>, <c>statutory-return</c>, <c>statutory-replace</c>,
/// <c>statutory-repair</c>) and until when, or none (out of policy).</summary>
public sealed record PolicyAssessment(string Marketplace, string? Rule, DateTimeOffset? Until, bool InPolicy);

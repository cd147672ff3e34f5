namespace TicketCluster.Domain.Tickets;

/// <summary>
/// A warranty period and whether the item was within it when assessed: the period runs from the purchase
/// for <see cref="Months"/> calendar months and ends at <see cref="EndsAt"/> (exclusive).
/// </summary>
public sealed record WarrantyAssessment(int Months, DateTimeOffset EndsAt, bool WithinWarranty)
{
    /// <summary>The longest warranty a command may name: ten years.</summary>
    public const int MaxMonths = 120;

    /// <summary>The assessment at <paramref name="now"/> of a <paramref name="months"/>-month warranty of an
    /// item bought at <paramref name="purchasedAt"/>.</summary>
    public static WarrantyAssessment At(DateTimeOffset purchasedAt, int months, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(months, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(months, MaxMonths);
        var endsAt = purchasedAt.AddMonths(months);
        return new WarrantyAssessment(months, endsAt, now < endsAt);
    }
}

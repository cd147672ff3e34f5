using System.Text.Json.Serialization;

namespace TicketCluster.Domain.Parties;

/// <summary>
/// How the merchant answered requests for a response: on time, late, or not at all (silent). A late
/// answer after a missed deadline moves that request from silent to late (the strike stays).
/// </summary>
public readonly record struct ResponseCompliance(int OnTime, int Late, int Silent)
{
    [JsonIgnore]
    public int Requests => OnTime + Late + Silent;

    /// <summary>On-time answers over all requests; null before the first request.</summary>
    [JsonIgnore]
    public double? OnTimeRate => Requests == 0 ? null : (double)OnTime / Requests;
}

/// <summary>
/// Responsibility decisions about the merchant's tickets. <see cref="Determined"/> counts decisions other
/// than undetermined; the merchant is at fault when fully or partly (shared) responsible.
/// </summary>
public readonly record struct ResponsibilityTally(int Determined, int Full, int Shared)
{
    [JsonIgnore]
    public int AtFault => Full + Shared;

    /// <summary>At-fault decisions over determined decisions; null before the first decision.</summary>
    [JsonIgnore]
    public double? ResponsibilityRate => Determined == 0 ? null : (double)AtFault / Determined;

    internal ResponsibilityTally Add(MerchantLiability liability, int sign) => liability switch
    {
        MerchantLiability.Full => new(Determined + sign, Full + sign, Shared),
        MerchantLiability.Shared => new(Determined + sign, Full, Shared + sign),
        MerchantLiability.None => this with { Determined = Determined + sign },
        _ => this,
    };
}

/// <summary>The distribution of satisfaction scores (1 to 5) and their average.</summary>
public readonly record struct SatisfactionTally(int One, int Two, int Three, int Four, int Five)
{
    [JsonIgnore]
    public int Count => One + Two + Three + Four + Five;

    /// <summary>The mean score; null before the first rating.</summary>
    [JsonIgnore]
    public double? Average => Count == 0 ? null : (One + (2.0 * Two) + (3.0 * Three) + (4.0 * Four) + (5.0 * Five)) / Count;

    /// <summary>The number of ratings with the score (1 to 5).</summary>
    public int this[int score] => score switch
    {
        1 => One,
        2 => Two,
        3 => Three,
        4 => Four,
        5 => Five,
        _ => throw new ArgumentOutOfRangeException(nameof(score), score, "Scores are 1 to 5."),
    };

    internal SatisfactionTally Add(int score) => score switch
    {
        1 => this with { One = One + 1 },
        2 => this with { Two = Two + 1 },
        3 => this with { Three = Three + 1 },
        4 => this with { Four = Four + 1 },
        5 => this with { Five = Five + 1 },
        _ => this,
    };
}

/// <summary>A missed merchant deadline.</summary>
public sealed record Strike(string TicketId, DateTimeOffset At);

namespace TicketCluster.Domain.Classification;

/// <summary>
/// The configurable rules of <see cref="TicketClassifier"/>; <see cref="Default"/> holds the defaults of
/// docs/classification.md. Latin keywords match whole words, case-insensitively; a trailing <c>*</c> makes
/// a stem that matches any word starting with it (<c>injur*</c>: injury, injured). Chinese keywords match
/// anywhere. Full-width letters and digits are folded to half-width before matching.
/// </summary>
public sealed record ClassificationRules
{
    /// <summary>The defaults.</summary>
    public static ClassificationRules Default { get; } = new();

    /// <summary>Injury, fire, electric shock, explosion, poisoning, allergy …: the ticket is urgent.</summary>
    public KeywordSet SafetyWords { get; init; } = DefaultKeywords.Safety;

    /// <summary>Journalists, exposure, consumer associations, regulators, lawsuits: the ticket is urgent.</summary>
    public KeywordSet MediaThreatWords { get; init; } = DefaultKeywords.MediaThreat;

    /// <summary>Counterfeit claims: the ticket is at least serious (and the words count for <see cref="TicketCategory.Counterfeit"/>).</summary>
    public KeywordSet CounterfeitWords { get; init; } = DefaultKeywords.Counterfeit;

    /// <summary>
    /// Keywords per category. The category with the most distinct matching keywords wins; ties go to the
    /// category listed first. The counterfeit words above count for <see cref="TicketCategory.Counterfeit"/>
    /// in addition to any words listed here for it.
    /// </summary>
    public IReadOnlyList<CategoryKeywords> CategoryWords { get; init; } = DefaultKeywords.Categories;

    /// <summary>
    /// Order amounts strictly above these (per ISO 4217 currency) make the ticket at least serious.
    /// Currencies not listed never trigger the rule. Defaults: CNY 5000, HKD 5500, USD 700, EUR 650, GBP 550, JPY 100000.
    /// </summary>
    public IReadOnlyDictionary<string, decimal> HighValueThresholds { get; init; } = new Dictionary<string, decimal>(StringComparer.Ordinal)
    {
        ["CNY"] = 5000m,
        ["HKD"] = 5500m,
        ["USD"] = 700m,
        ["EUR"] = 650m,
        ["GBP"] = 550m,
        ["JPY"] = 100000m,
    };

    /// <summary>
    /// A ticket that is at least the customer's this-many-th complaint within <see cref="RepeatWindow"/>
    /// (this one included) is at least serious. Default 3.
    /// </summary>
    public int RepeatComplaintThreshold { get; init; } = 3;

    /// <summary>The window for <see cref="RepeatComplaintThreshold"/>. Default 30 days.</summary>
    public TimeSpan RepeatWindow { get; init; } = TimeSpan.FromDays(30);

    /// <summary>The category of a ticket with a safety word but no category keyword. Default product quality; null to disable.</summary>
    public TicketCategory? SafetyCategory { get; init; } = TicketCategory.ProductQuality;

    /// <summary>The category when nothing else decides. Default <see cref="TicketCategory.Other"/>.</summary>
    public TicketCategory DefaultCategory { get; init; } = TicketCategory.Other;
}

/// <summary>Keywords in the three supported scripts.</summary>
public sealed record KeywordSet(
    IReadOnlyList<string> English,
    IReadOnlyList<string> SimplifiedChinese,
    IReadOnlyList<string> TraditionalChinese)
{
    public IEnumerable<string> AllWords() => English.Concat(SimplifiedChinese).Concat(TraditionalChinese);
}

/// <summary>The keywords that point to one category.</summary>
public sealed record CategoryKeywords(TicketCategory Category, KeywordSet Keywords);

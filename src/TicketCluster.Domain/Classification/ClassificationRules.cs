namespace TicketCluster.Domain.Classification;

/// <summary>
/// The configurable rules of <see cref="TicketClassifier"/>; <see cref="Default"/> holds the defaults of
/// docs/classification.md. Latin keywords match whole words, case-insensitively; a trailing <c>*</c> makes
/// a stem that matches any word starting with it (<c>injur*</c>: injury, injured); <c>a…b</c> matches a
/// then b within one sentence. Chinese keywords match anywhere, and traditional characters are folded to
/// simplified ones on both sides. Full-width letters and digits are folded to half-width before matching.
/// </summary>
public sealed record ClassificationRules
{
    /// <summary>The defaults.</summary>
    public static ClassificationRules Default { get; } = new();

    /// <summary>General injury and medical words (injured, 受伤, 医院): the ticket is urgent unless negated.</summary>
    public KeywordSet SafetyWords { get; init; } = DefaultKeywords.Safety;

    /// <summary>
    /// The hazard families (electric shock; fire, smoke, heat and swelling; choking; poisoning; allergy;
    /// cuts; falls and crushing): a word of any family makes the ticket urgent unless negated; the reason
    /// names the family.
    /// </summary>
    public IReadOnlyList<HazardKeywords> SafetyHazards { get; init; } = DefaultKeywords.Hazards;

    /// <summary>
    /// Phrases that contain a signal word but mean something else (气炸了, smoke grey, Fire TV, social
    /// media): masked out of the text before any signal or category word is read.
    /// </summary>
    public KeywordSet NotSignalWords { get; init; } = DefaultKeywords.NotSignals;

    /// <summary>
    /// Negations (没有, 冇, no one, didn't): a safety, threat or counterfeit word shortly after one of them
    /// in the same clause does not count (docs/classification.md, "Negation").
    /// </summary>
    public KeywordSet NegationWords { get; init; } = DefaultKeywords.Negations;

    /// <summary>Phrases that start like a negation but are not one (没想到, 无法, not only).</summary>
    public KeywordSet NotNegationWords { get; init; } = DefaultKeywords.NotNegations;

    /// <summary>Journalists, exposure, consumer associations, regulators, lawsuits: the ticket is urgent.</summary>
    public KeywordSet MediaThreatWords { get; init; } = DefaultKeywords.MediaThreat;

    /// <summary>Counterfeit claims: the ticket is at least serious (and the words count for <see cref="TicketCategory.Counterfeit"/>).</summary>
    public KeywordSet CounterfeitWords { get; init; } = DefaultKeywords.Counterfeit;

    /// <summary>
    /// Keywords per category. Each category scores one per distinct matching keyword and two per two-part
    /// clue (<c>a…b</c>); the highest wins, ties go to the category listed first. A counterfeit claim
    /// (<see cref="CounterfeitWords"/>) decides <see cref="TicketCategory.Counterfeit"/> outright, and safety
    /// words count for <see cref="SafetyCategory"/>.
    /// </summary>
    public IReadOnlyList<CategoryKeywords> CategoryWords { get; init; } = DefaultKeywords.Categories;

    /// <summary>
    /// Order amounts strictly above these (per ISO 4217 currency) make the ticket at least serious.
    /// Currencies not listed never trigger the rule. Defaults: CNY 5000, HKD 5500, USD 700, EUR 650, GBP 550, JPY 100000, TWD 22000.
    /// </summary>
    public IReadOnlyDictionary<string, decimal> HighValueThresholds { get; init; } = new Dictionary<string, decimal>(StringComparer.Ordinal)
    {
        ["CNY"] = 5000m,
        ["HKD"] = 5500m,
        ["USD"] = 700m,
        ["EUR"] = 650m,
        ["GBP"] = 550m,
        ["JPY"] = 100000m,
        ["TWD"] = 22000m,
    };

    /// <summary>
    /// Money amounts stated in the text (¥2699 charged twice, a 两万 sofa, HK$3,800) strictly above these make
    /// the ticket at least serious: a loss that large is serious for a customer even when the order amount is
    /// unknown or lower. Defaults: CNY 1500, HKD 1600, TWD 6500, USD 200, EUR 190, GBP 160, JPY 30000.
    /// </summary>
    public IReadOnlyDictionary<string, decimal> StatedAmountThresholds { get; init; } = new Dictionary<string, decimal>(StringComparer.Ordinal)
    {
        ["CNY"] = 1500m,
        ["HKD"] = 1600m,
        ["TWD"] = 6500m,
        ["USD"] = 200m,
        ["EUR"] = 190m,
        ["GBP"] = 160m,
        ["JPY"] = 30000m,
    };

    /// <summary>Fraud, account takeover and leaked personal data: the ticket is at least serious.</summary>
    public KeywordSet FraudWords { get; init; } = DefaultKeywords.Fraud;

    /// <summary>
    /// A ticket that is at least the customer's this-many-th complaint within <see cref="RepeatWindow"/>
    /// (this one included) is at least serious; so is a text that says it is at least this-many-th
    /// complaint (第三次, "fourth time I report this"). Default 3.
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

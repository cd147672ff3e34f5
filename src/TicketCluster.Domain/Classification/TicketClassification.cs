using System.Text.Json.Serialization;

namespace TicketCluster.Domain.Classification;

/// <summary>The classifier's verdict and, for the audit trail, every rule that contributed to it.</summary>
public sealed record TicketClassification(
    TicketCategory Category,
    Severity Severity,
    IReadOnlyList<ClassificationReason> Reasons);

/// <summary>One rule that matched: which rule, and what it matched (a keyword, a tier, an amount …).</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Detail">What the rule matched, e.g. the keyword as configured (<c>起火</c>, <c>injur*</c>).</param>
/// <param name="Category">For <see cref="ClassificationRule.CategoryKeyword"/>, the category the word belongs to.</param>
/// <param name="Language">The language of the matched word or text (<c>zh-CN</c>, <c>zh-TW</c>, <c>en</c>); null for
/// rules that read no text (tier, order amount).</param>
/// <param name="Signal">The signal family: a hazard (<c>electric-shock</c>, <c>fire-smoke-heat</c>, <c>injury</c> …),
/// <c>media-threat</c>, <c>counterfeit</c>, or the category of a category word.</param>
public sealed record ClassificationReason(
    ClassificationRule Rule,
    string Detail,
    TicketCategory? Category = null,
    string? Language = null,
    string? Signal = null);

/// <summary>The rules of the classifier (docs/classification.md).</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<ClassificationRule>))]
public enum ClassificationRule
{
    /// <summary>The category was given explicitly.</summary>
    ExplicitCategory,

    /// <summary>The severity was given explicitly.</summary>
    ExplicitSeverity,

    /// <summary>A safety word (injury, fire, electric shock …): urgent.</summary>
    SafetyWord,

    /// <summary>A media or regulator threat (journalist, 12315, lawsuit …): urgent.</summary>
    MediaThreat,

    /// <summary>A counterfeit claim (fake, 假货 …): at least serious.</summary>
    CounterfeitClaim,

    /// <summary>A VIP customer: at least serious.</summary>
    VipCustomer,

    /// <summary>An order above the currency's threshold: at least serious.</summary>
    HighOrderValue,

    /// <summary>The customer already complained about this order: at least serious.</summary>
    RepeatOrderComplaint,

    /// <summary>The customer complained several times within the window: at least serious.</summary>
    RepeatCustomerComplaints,

    /// <summary>A keyword of the chosen category.</summary>
    CategoryKeyword,

    /// <summary>No category keyword, but a safety word: the configured safety category.</summary>
    SafetyCategory,

    /// <summary>Nothing decided the category: the default category.</summary>
    DefaultCategory,

    /// <summary>A safety, threat or counterfeit word under a negation (没有人受伤, no one was hurt): changes nothing.</summary>
    NegatedSignal,

    /// <summary>A money amount stated in the text above the currency's threshold: at least serious.</summary>
    StatedAmount,

    /// <summary>The text says this is at least the customer's third complaint (第三次, fourth time): at least serious.</summary>
    StatedRepeat,

    /// <summary>Fraud, account takeover or leaked personal data: at least serious.</summary>
    FraudOrPrivacy,
}

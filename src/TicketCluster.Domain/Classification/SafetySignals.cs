namespace TicketCluster.Domain.Classification;

/// <summary>
/// The signals read from one complaint: safety words by hazard family, and negated signals set aside.
/// One per classification; not thread-safe.
/// </summary>
internal sealed class SafetySignals(ComplaintText text)
{
    /// <summary>The family name of <see cref="ClassificationRules.SafetyWords"/> (injury and medical words).</summary>
    public const string GeneralFamily = "injury";

    private readonly List<ClassificationReason> _safety = [];
    private readonly List<ClassificationReason> _negated = [];

    /// <summary>The safety words that count, each with its family and language.</summary>
    public IReadOnlyList<ClassificationReason> Safety => _safety;

    /// <summary>Signal words found only under a negation (没有人受伤, no one was hurt).</summary>
    public IReadOnlyList<ClassificationReason> Negated => _negated;

    public void Read(KeywordMatcher matcher, string family) =>
        _safety.AddRange(Find(matcher, ClassificationRule.SafetyWord, family));

    /// <summary>Another negatable signal (threat, counterfeit claim): its reasons, negated ones set aside.</summary>
    public IReadOnlyList<ClassificationReason> ReadOther(KeywordMatcher matcher, ClassificationRule rule) =>
        Find(matcher, rule, rule == ClassificationRule.MediaThreat ? "media-threat" : "counterfeit");

    private List<ClassificationReason> Find(KeywordMatcher matcher, ClassificationRule rule, string signal)
    {
        var negated = new List<string>();
        var counted = matcher.Find(text.Folded, text.IsAffirmed, negated);
        _negated.AddRange(negated.Select(w => new ClassificationReason(ClassificationRule.NegatedSignal, w, null, text.LanguageOf(w), signal)));
        return counted.Select(w => new ClassificationReason(rule, w, null, text.LanguageOf(w), signal)).ToList();
    }
}

namespace TicketCluster.Domain.Classification;

/// <summary>
/// Classifies a ticket: explicit category and severity win; otherwise the deterministic rules of
/// <see cref="ClassificationRules"/> decide. Pure and thread-safe; build one per rule set and reuse it.
/// </summary>
public sealed class TicketClassifier
{
    private readonly ClassificationRules _rules;
    private readonly KeywordMatcher _safety;
    private readonly KeywordMatcher _media;
    private readonly KeywordMatcher _counterfeit;
    private readonly (TicketCategory Category, KeywordMatcher Matcher)[] _categories;

    public TicketClassifier(ClassificationRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentOutOfRangeException.ThrowIfLessThan(rules.RepeatComplaintThreshold, 1, nameof(rules));
        _rules = rules;
        _safety = new KeywordMatcher(rules.SafetyWords.AllWords());
        _media = new KeywordMatcher(rules.MediaThreatWords.AllWords());
        _counterfeit = new KeywordMatcher(rules.CounterfeitWords.AllWords());

        var categories = rules.CategoryWords.Select(c => c.Category).Distinct().ToList();
        if (!categories.Contains(TicketCategory.Counterfeit))
        {
            categories.Add(TicketCategory.Counterfeit);
        }

        _categories = categories
            .Select(category => (category, new KeywordMatcher(rules.CategoryWords
                .Where(c => c.Category == category)
                .SelectMany(c => c.Keywords.AllWords())
                .Concat(category == TicketCategory.Counterfeit ? rules.CounterfeitWords.AllWords() : []))))
            .ToArray();
    }

    /// <summary>A classifier with <see cref="ClassificationRules.Default"/>.</summary>
    public static TicketClassifier Default { get; } = new(ClassificationRules.Default);

    public ClassificationRules Rules => _rules;

    public TicketClassification Classify(ClassificationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var text = KeywordMatcher.Fold(input.Description ?? string.Empty);
        var reasons = new List<ClassificationReason>();

        var safetyWords = _safety.Find(text);
        var (category, categoryReasons) = input.ExplicitCategory is { } explicitCategory
            ? (explicitCategory, [new ClassificationReason(ClassificationRule.ExplicitCategory, explicitCategory.ToString())])
            : CategoryOf(text, safetyWords);
        reasons.AddRange(categoryReasons);

        Severity severity;
        if (input.ExplicitSeverity is { } explicitSeverity)
        {
            severity = explicitSeverity;
            reasons.Add(new ClassificationReason(ClassificationRule.ExplicitSeverity, explicitSeverity.ToString()));
        }
        else
        {
            severity = SeverityOf(input, text, safetyWords, reasons);
        }

        return new TicketClassification(category, severity, reasons);
    }

    private (TicketCategory Category, List<ClassificationReason> Reasons) CategoryOf(string text, IReadOnlyList<string> safetyWords)
    {
        var best = (Category: _rules.DefaultCategory, Words: (IReadOnlyList<string>)[]);
        foreach (var (category, matcher) in _categories)
        {
            var words = matcher.Find(text);
            if (words.Count > best.Words.Count)
            {
                best = (category, words);
            }
        }

        if (best.Words.Count > 0)
        {
            return (best.Category, best.Words.Select(w => new ClassificationReason(ClassificationRule.CategoryKeyword, w, best.Category)).ToList());
        }

        if (safetyWords.Count > 0 && _rules.SafetyCategory is { } safetyCategory)
        {
            return (safetyCategory, [new ClassificationReason(ClassificationRule.SafetyCategory, safetyWords[0], safetyCategory)]);
        }

        return (_rules.DefaultCategory, [new ClassificationReason(ClassificationRule.DefaultCategory, _rules.DefaultCategory.ToString())]);
    }

    private Severity SeverityOf(ClassificationInput input, string text, IReadOnlyList<string> safetyWords, List<ClassificationReason> reasons)
    {
        var severity = Severity.Normal;

        void Raise(Severity to, ClassificationRule rule, string detail)
        {
            severity = (Severity)Math.Max((int)severity, (int)to);
            reasons.Add(new ClassificationReason(rule, detail));
        }

        foreach (var word in safetyWords)
        {
            Raise(Severity.Urgent, ClassificationRule.SafetyWord, word);
        }

        foreach (var word in _media.Find(text))
        {
            Raise(Severity.Urgent, ClassificationRule.MediaThreat, word);
        }

        foreach (var word in _counterfeit.Find(text))
        {
            Raise(Severity.Serious, ClassificationRule.CounterfeitClaim, word);
        }

        if (input.CustomerTier == CustomerTier.Vip)
        {
            Raise(Severity.Serious, ClassificationRule.VipCustomer, nameof(CustomerTier.Vip));
        }

        if (input.OrderAmount is { } amount
            && _rules.HighValueThresholds.TryGetValue(amount.Currency, out var threshold)
            && amount.Amount > threshold)
        {
            Raise(Severity.Serious, ClassificationRule.HighOrderValue, $"{amount} > {new Money(threshold, amount.Currency)}");
        }

        if (input.ComplainedAboutOrderBefore)
        {
            Raise(Severity.Serious, ClassificationRule.RepeatOrderComplaint, "earlier complaint about this order");
        }

        var complaints = input.RecentComplaintCount + 1;
        if (complaints >= _rules.RepeatComplaintThreshold)
        {
            Raise(Severity.Serious, ClassificationRule.RepeatCustomerComplaints,
                $"{complaints} complaints within {_rules.RepeatWindow.TotalDays:0.##} days");
        }

        return severity;
    }
}

namespace TicketCluster.Domain.Classification;

/// <summary>
/// Classifies a ticket: explicit category and severity win; otherwise the deterministic rules of
/// <see cref="ClassificationRules"/> decide (docs/classification.md). Every rule that fires adds a reason
/// naming the signal, the words as configured and their language. Pure and thread-safe; build one per rule
/// set and reuse it (the keyword lists are compiled once, here).
/// </summary>
public sealed class TicketClassifier
{
    private readonly ClassificationRules _rules;
    private readonly KeywordMatcher _notSignals;
    private readonly KeywordMatcher _negations;
    private readonly KeywordMatcher _notNegations;
    private readonly (string Family, KeywordMatcher Matcher)[] _hazards;
    private readonly KeywordMatcher _media;
    private readonly KeywordMatcher _counterfeit;
    private readonly KeywordMatcher _fraud;
    private readonly (TicketCategory Category, KeywordMatcher Matcher)[] _categories;

    public TicketClassifier(ClassificationRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentOutOfRangeException.ThrowIfLessThan(rules.RepeatComplaintThreshold, 1, nameof(rules));
        _rules = rules;
        _notSignals = new KeywordMatcher(rules.NotSignalWords.AllWords());
        _negations = new KeywordMatcher(rules.NegationWords.AllWords());
        _notNegations = new KeywordMatcher(rules.NotNegationWords.AllWords());
        _hazards = [(SafetySignals.GeneralFamily, new KeywordMatcher(rules.SafetyWords.AllWords())),
            .. rules.SafetyHazards.Select(h => (h.Family, new KeywordMatcher(h.Keywords.AllWords())))];
        _media = new KeywordMatcher(rules.MediaThreatWords.AllWords());
        _counterfeit = new KeywordMatcher(rules.CounterfeitWords.AllWords());
        _fraud = new KeywordMatcher(rules.FraudWords.AllWords());

        var categories = rules.CategoryWords.Select(c => c.Category).Distinct().ToList();
        if (!categories.Contains(TicketCategory.Counterfeit))
        {
            categories.Add(TicketCategory.Counterfeit);
        }

        _categories = categories
            .Select(category => (category, new KeywordMatcher(rules.CategoryWords
                .Where(c => c.Category == category)
                .SelectMany(c => c.Keywords.AllWords()))))
            .ToArray();
    }

    /// <summary>A classifier with <see cref="ClassificationRules.Default"/>.</summary>
    public static TicketClassifier Default { get; } = new(ClassificationRules.Default);

    public ClassificationRules Rules => _rules;

    public TicketClassification Classify(ClassificationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var text = new ComplaintText(input.Description ?? string.Empty, _notSignals, _negations, _notNegations);
        var signals = new SafetySignals(text);
        foreach (var (family, matcher) in _hazards)
        {
            signals.Read(matcher, family);
        }

        var counterfeit = signals.ReadOther(_counterfeit, ClassificationRule.CounterfeitClaim);
        var reasons = new List<ClassificationReason>();
        var (category, categoryReasons) = input.ExplicitCategory is { } explicitCategory
            ? (explicitCategory, [new ClassificationReason(ClassificationRule.ExplicitCategory, explicitCategory.ToString())])
            : CategoryOf(text, signals, counterfeit);
        reasons.AddRange(categoryReasons);

        Severity severity;
        if (input.ExplicitSeverity is { } explicitSeverity)
        {
            severity = explicitSeverity;
            reasons.Add(new ClassificationReason(ClassificationRule.ExplicitSeverity, explicitSeverity.ToString()));
        }
        else
        {
            severity = SeverityOf(input, text, signals, counterfeit, category, reasons);
        }

        return new TicketClassification(category, severity, reasons);
    }

    private (TicketCategory Category, List<ClassificationReason> Reasons) CategoryOf(
        ComplaintText text, SafetySignals signals, IReadOnlyList<ClassificationReason> counterfeit)
    {
        var best = (Category: _rules.DefaultCategory, Words: (IReadOnlyList<string>)[]);
        foreach (var (category, matcher) in _categories)
        {
            var words = matcher.Find(text.Folded);
            if (category == TicketCategory.Counterfeit && counterfeit.Count > 0)
            {
                // A counterfeit claim decides the category: the defects named beside it are its evidence.
                return (category, [.. counterfeit.Select(r => r with { Rule = ClassificationRule.CategoryKeyword, Category = category }),
                    .. words.Select(w => Reason(w, category, text))]);
            }

            if (category == _rules.SafetyCategory && signals.Safety.Count > 0)
            {
                // Safety words describe the product's hazard: they count for the safety category too.
                words = [.. words, .. signals.Safety.Select(r => r.Detail).Except(words)];
            }

            if (Weight(words) > Weight(best.Words))
            {
                best = (category, words);
            }
        }

        if (best.Words.Count > 0)
        {
            return (best.Category, best.Words.Select(w => Reason(w, best.Category, text)).ToList());
        }

        if (signals.Safety.Count > 0 && _rules.SafetyCategory is { } safetyCategory)
        {
            var first = signals.Safety[0];
            return (safetyCategory, [first with { Rule = ClassificationRule.SafetyCategory, Category = safetyCategory }]);
        }

        return (_rules.DefaultCategory, [new ClassificationReason(ClassificationRule.DefaultCategory, _rules.DefaultCategory.ToString())]);
    }

    private Severity SeverityOf(
        ClassificationInput input,
        ComplaintText text,
        SafetySignals signals,
        IReadOnlyList<ClassificationReason> counterfeit,
        TicketCategory category,
        List<ClassificationReason> reasons)
    {
        var severity = Severity.Normal;

        void Raise(Severity to, ClassificationReason reason)
        {
            severity = (Severity)Math.Max((int)severity, (int)to);
            reasons.Add(reason);
        }

        foreach (var reason in signals.Safety)
        {
            Raise(Severity.Urgent, reason);
        }

        foreach (var reason in signals.ReadOther(_media, ClassificationRule.MediaThreat))
        {
            Raise(Severity.Urgent, reason);
        }

        // Negated signals change nothing, but the agent sees what was read and set aside.
        reasons.AddRange(signals.Negated);

        foreach (var reason in counterfeit)
        {
            Raise(Severity.Serious, reason);
        }

        foreach (var word in _fraud.Find(text.Folded))
        {
            Raise(Severity.Serious, new ClassificationReason(ClassificationRule.FraudOrPrivacy, word, null, text.LanguageOf(word), "fraud-privacy"));
        }

        if (input.CustomerTier == CustomerTier.Vip)
        {
            Raise(Severity.Serious, new ClassificationReason(ClassificationRule.VipCustomer, nameof(CustomerTier.Vip)));
        }

        if (input.OrderAmount is { } amount && Above(_rules.HighValueThresholds, amount) is { } threshold)
        {
            Raise(Severity.Serious, new ClassificationReason(ClassificationRule.HighOrderValue, $"{amount} > {threshold}"));
        }

        // The sum on an invoice request is what the paperwork is for, not a loss.
        var statedAmounts = category == TicketCategory.Invoice ? [] : TextSignals.Amounts(text.Folded, text.Language, TextSignals.IsHongKong(text.Folded));
        foreach (var stated in statedAmounts)
        {
            if (Above(_rules.StatedAmountThresholds, stated) is { } limit)
            {
                Raise(Severity.Serious, new ClassificationReason(ClassificationRule.StatedAmount, $"{stated} > {limit}", Language: text.Language));
                break;
            }
        }

        if (input.ComplainedAboutOrderBefore)
        {
            Raise(Severity.Serious, new ClassificationReason(ClassificationRule.RepeatOrderComplaint, "earlier complaint about this order"));
        }

        var complaints = input.RecentComplaintCount + 1;
        if (complaints >= _rules.RepeatComplaintThreshold)
        {
            Raise(Severity.Serious, new ClassificationReason(ClassificationRule.RepeatCustomerComplaints,
                $"{complaints} complaints within {_rules.RepeatWindow.TotalDays:0.##} days"));
        }

        var statedRepeat = TextSignals.StatedRepeatCount(text.Folded);
        if (statedRepeat >= _rules.RepeatComplaintThreshold)
        {
            Raise(Severity.Serious, new ClassificationReason(ClassificationRule.StatedRepeat,
                $"complaint number {statedRepeat} by the text", Language: text.Language));
        }

        return severity;
    }

    private static Money? Above(IReadOnlyDictionary<string, decimal> thresholds, Money amount) =>
        thresholds.TryGetValue(amount.Currency, out var threshold) && amount.Amount > threshold
            ? new Money(threshold, amount.Currency)
            : null;

    /// <summary>A category's score: one per distinct word, two for a two-part clue (a…b), which is more specific.</summary>
    private static int Weight(IReadOnlyList<string> words)
    {
        var weight = 0;
        foreach (var word in words)
        {
            weight += word.Contains('…', StringComparison.Ordinal) || word.Contains("...", StringComparison.Ordinal) ? 2 : 1;
        }

        return weight;
    }

    private static ClassificationReason Reason(string word, TicketCategory category, ComplaintText text) =>
        new(ClassificationRule.CategoryKeyword, word, category, text.LanguageOf(word), SignalName(category));

    private static string SignalName(TicketCategory category) =>
        System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(category.ToString());
}

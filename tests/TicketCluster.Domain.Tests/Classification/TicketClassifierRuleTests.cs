using TicketCluster.Domain.Classification;

namespace TicketCluster.Domain.Tests.Classification;

public sealed class TicketClassifierRuleTests
{
    private static readonly TicketClassifier Classifier = TicketClassifier.Default;

    private static ClassificationInput Plain(string description = "Hello") => TicketClassifierTableTests.Input(description);

    [Fact]
    public void Classify_ExplicitCategory_WinsOverKeywords()
    {
        var result = Classifier.Classify(Plain("快递没收到") with { ExplicitCategory = TicketCategory.Invoice });

        Assert.Equal(TicketCategory.Invoice, result.Category);
        Assert.Contains(new ClassificationReason(ClassificationRule.ExplicitCategory, "Invoice"), result.Reasons);
        Assert.DoesNotContain(result.Reasons, r => r.Rule == ClassificationRule.CategoryKeyword);
    }

    [Fact]
    public void Classify_ExplicitSeverity_WinsOverSafetyWordsAndVip()
    {
        var input = Plain("充电宝起火了") with { ExplicitSeverity = Severity.Normal, CustomerTier = CustomerTier.Vip };

        var result = Classifier.Classify(input);

        Assert.Equal(Severity.Normal, result.Severity);
        Assert.Equal(TicketCategory.ProductQuality, result.Category);
        Assert.DoesNotContain(result.Reasons, r => r.Rule is ClassificationRule.SafetyWord or ClassificationRule.VipCustomer);
        Assert.Contains(new ClassificationReason(ClassificationRule.ExplicitSeverity, "Normal"), result.Reasons);
    }

    [Fact]
    public void Classify_ExplicitUrgent_KeptForHarmlessText() =>
        Assert.Equal(Severity.Urgent, Classifier.Classify(Plain() with { ExplicitSeverity = Severity.Urgent }).Severity);

    [Fact]
    public void Classify_SafetyWord_RecordsRuleAndWord()
    {
        var result = Classifier.Classify(Plain("充电宝起火了"));

        Assert.Contains(new ClassificationReason(ClassificationRule.SafetyWord, "起火", null, "zh-CN", "fire-smoke-heat"), result.Reasons);
        Assert.Equal(TicketCategory.ProductQuality, result.Category);
    }

    [Fact]
    public void Classify_StemKeyword_MatchesInflectionsAndRecordsConfiguredForm()
    {
        var result = Classifier.Classify(Plain("My daughter was injured"));

        Assert.Equal(Severity.Urgent, result.Severity);
        Assert.Contains(new ClassificationReason(ClassificationRule.SafetyWord, "injur*", null, "en", "injury"), result.Reasons);
    }

    [Fact]
    public void Classify_CategoryKeywords_RecordEveryMatchedWordOfTheWinner()
    {
        var result = Classifier.Classify(Plain("Package never arrived, tracking shows nothing"));

        var words = result.Reasons.Where(r => r.Rule == ClassificationRule.CategoryKeyword).Select(r => r.Detail).ToList();
        Assert.Equal(["package", "tracking", "never arrived", "arrived"], words);
        Assert.All(result.Reasons.Where(r => r.Rule == ClassificationRule.CategoryKeyword), r => Assert.Equal(TicketCategory.Logistics, r.Category));
    }

    [Fact]
    public void Classify_CategoryTie_GoesToCategoryListedFirst()
    {
        // One product-quality word (broken) and one logistics word (parcel): product quality is listed first.
        var result = Classifier.Classify(Plain("The parcel came broken"));

        Assert.Equal(TicketCategory.ProductQuality, result.Category);
    }

    [Fact]
    public void Classify_NoKeyword_DefaultCategoryWithReason()
    {
        var result = Classifier.Classify(Plain("你好"));

        Assert.Equal(TicketCategory.Other, result.Category);
        Assert.Equal(Severity.Normal, result.Severity);
        Assert.Equal([new ClassificationReason(ClassificationRule.DefaultCategory, "Other")], result.Reasons);
    }

    [Theory]
    [InlineData(CustomerTier.Vip, Severity.Serious)]
    [InlineData(CustomerTier.Gold, Severity.Normal)]
    [InlineData(CustomerTier.Regular, Severity.Normal)]
    public void Classify_CustomerTier_OnlyVipRaisesSeverity(CustomerTier tier, Severity expected) =>
        Assert.Equal(expected, Classifier.Classify(Plain() with { CustomerTier = tier }).Severity);

    [Theory]
    [InlineData("5000.01", "CNY", Severity.Serious)]
    [InlineData("5000", "CNY", Severity.Normal)]
    [InlineData("701", "USD", Severity.Serious)]
    [InlineData("699", "USD", Severity.Normal)]
    [InlineData("99999999", "KRW", Severity.Normal)]
    public void Classify_OrderAmount_AboveCurrencyThresholdIsSerious(string amount, string currency, Severity expected)
    {
        var input = Plain() with { OrderAmount = new Money(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), currency) };

        Assert.Equal(expected, Classifier.Classify(input).Severity);
    }

    [Fact]
    public void Classify_HighOrderValue_ReasonNamesAmountAndThreshold()
    {
        var result = Classifier.Classify(Plain() with { OrderAmount = new Money(8999m, "CNY") });

        Assert.Contains(new ClassificationReason(ClassificationRule.HighOrderValue, "8999 CNY > 5000 CNY"), result.Reasons);
    }

    [Fact]
    public void Classify_EarlierComplaintAboutSameOrder_IsSerious()
    {
        var result = Classifier.Classify(Plain() with { ComplainedAboutOrderBefore = true });

        Assert.Equal(Severity.Serious, result.Severity);
        Assert.Contains(result.Reasons, r => r.Rule == ClassificationRule.RepeatOrderComplaint);
    }

    [Theory]
    [InlineData(0, Severity.Normal)]
    [InlineData(1, Severity.Normal)]
    [InlineData(2, Severity.Serious)]
    [InlineData(7, Severity.Serious)]
    public void Classify_RecentComplaints_ThirdWithinWindowIsSerious(int earlier, Severity expected) =>
        Assert.Equal(expected, Classifier.Classify(Plain() with { RecentComplaintCount = earlier }).Severity);

    [Fact]
    public void Classify_RepeatThresholdConfigured_UsesConfiguredCount()
    {
        var classifier = new TicketClassifier(ClassificationRules.Default with { RepeatComplaintThreshold = 5 });

        Assert.Equal(Severity.Normal, classifier.Classify(Plain() with { RecentComplaintCount = 3 }).Severity);
        Assert.Equal(Severity.Serious, classifier.Classify(Plain() with { RecentComplaintCount = 4 }).Severity);
    }

    [Fact]
    public void Classify_SeriousRulesWithSafetyWord_StayUrgent()
    {
        var input = Plain("假货，用了还过敏") with { CustomerTier = CustomerTier.Vip, ComplainedAboutOrderBefore = true };

        var result = Classifier.Classify(input);

        Assert.Equal(Severity.Urgent, result.Severity);
        Assert.Equal(TicketCategory.Counterfeit, result.Category);
        Assert.Equal(
            [ClassificationRule.CategoryKeyword, ClassificationRule.SafetyWord, ClassificationRule.CounterfeitClaim,
             ClassificationRule.VipCustomer, ClassificationRule.RepeatOrderComplaint],
            result.Reasons.Select(r => r.Rule));
    }

    [Fact]
    public void Classify_CustomKeywords_ReplaceDefaults()
    {
        var rules = ClassificationRules.Default with
        {
            SafetyWords = new KeywordSet(["mould*"], ["发霉"], ["發霉"]),
            SafetyHazards = [],
            HighValueThresholds = new Dictionary<string, decimal> { ["CNY"] = 100m },
        };
        var classifier = new TicketClassifier(rules);

        Assert.Equal(Severity.Urgent, classifier.Classify(Plain("The bread is mouldy")).Severity);
        Assert.Equal(Severity.Urgent, classifier.Classify(Plain("面包发霉了")).Severity);
        Assert.Equal(Severity.Normal, classifier.Classify(Plain("充电宝起火了")).Severity);
        Assert.Equal(Severity.Serious, classifier.Classify(Plain() with { OrderAmount = new Money(101m, "CNY") }).Severity);
    }

    [Fact]
    public void Constructor_ThresholdBelowOne_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TicketClassifier(ClassificationRules.Default with { RepeatComplaintThreshold = 0 }));

    [Fact]
    public void Classify_SameInputTwice_SameResult()
    {
        var input = Plain("快递没收到，客服态度差，我要曝光") with { CustomerTier = CustomerTier.Vip };

        var first = Classifier.Classify(input);
        var second = Classifier.Classify(input);

        Assert.Equal(first.Category, second.Category);
        Assert.Equal(first.Severity, second.Severity);
        Assert.Equal(first.Reasons, second.Reasons);
    }
}

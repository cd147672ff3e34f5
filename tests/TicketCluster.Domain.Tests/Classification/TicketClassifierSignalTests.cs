using TicketCluster.Domain.Classification;

namespace TicketCluster.Domain.Tests.Classification;

/// <summary>Hazard families, negation, not-signal phrases, script folding and numbers read from the text.</summary>
public sealed class TicketClassifierSignalTests
{
    private static TicketClassification Classify(string text) => TicketClassifier.Default.Classify(TicketClassifierTableTests.Input(text));

    [Theory]
    [InlineData("插头那里被电了一下，手到现在还麻", "electric-shock")]
    [InlineData("充电的时候外壳鼓包了，还有焦味", "fire-smoke-heat")]
    [InlineData("小孩被果冻噎住了", "choking")]
    [InlineData("吃了以后一家人都拉肚子", "poisoning")]
    [InlineData("擦完脸上起了一片红疹", "allergy")]
    [InlineData("柜子边缘太锋利，手被割破了", "cut")]
    [InlineData("椅子突然塌了，人摔倒在地", "fall-crush")]
    [InlineData("The heater gave me a shock when I touched it", "electric-shock")]
    [InlineData("My toddler choked on a loose button", "choking")]
    [InlineData("敷完面膜脸上又红又肿", "body-harm")]
    [InlineData("I slipped off the step and broke my wrist", "body-harm")]
    public void Classify_HazardFamily_UrgentWithFamilyInReason(string text, string family)
    {
        var result = Classify(text);

        Assert.Equal(Severity.Urgent, result.Severity);
        Assert.Contains(result.Reasons, r => r.Rule == ClassificationRule.SafetyWord && r.Signal == family);
    }

    [Theory]
    [InlineData("没有人受伤，就是盖子裂了")]
    [InlineData("幸好没有起火，只是不能充电了")]
    [InlineData("冇人受傷，不過個殼爛咗")]
    [InlineData("The lid cracked but no one was hurt")]
    [InlineData("It did not catch fire, it just stopped working")]
    public void Classify_NegatedSafetyWord_NotUrgentAndShownAsNegated(string text)
    {
        var result = Classify(text);

        Assert.NotEqual(Severity.Urgent, result.Severity);
        Assert.Contains(result.Reasons, r => r.Rule == ClassificationRule.NegatedSignal);
    }

    [Fact]
    public void Classify_NegationInAnotherClause_StillUrgent() =>
        Assert.Equal(Severity.Urgent, Classify("没有人理我，孩子已经被烫伤了").Severity);

    [Fact]
    public void Classify_DidNotExpect_IsNoNegation() =>
        Assert.Equal(Severity.Urgent, Classify("没想到会漏电").Severity);

    [Theory]
    [InlineData("等了三天还没回复，我都气炸了")]
    [InlineData("The smoke grey cushion cover has a torn seam")]
    [InlineData("My Fire TV remote stopped pairing")]
    [InlineData("The choker clasp broke on day two")]
    [InlineData("I saw the promotion on social media, is it still valid?")]
    public void Classify_PhraseThatOnlyLooksLikeASignal_NotUrgent(string text) =>
        Assert.NotEqual(Severity.Urgent, Classify(text).Severity);

    [Theory]
    [InlineData("再不处理我就去市场监督管理局", "zh-CN")]
    [InlineData("我會向消基會申訴", "zh-TW")]
    [InlineData("I will report you to trading standards", "en")]
    public void Classify_RegulatorThreat_UrgentWithLanguage(string text, string language)
    {
        var result = Classify(text);

        Assert.Equal(Severity.Urgent, result.Severity);
        Assert.Contains(result.Reasons, r => r.Rule == ClassificationRule.MediaThreat && r.Language == language);
    }

    [Theory]
    [InlineData("耳机的序列号在官网查不到")]
    [InlineData("買到翻版貨")]
    [InlineData("The serial number was not found on the brand's site")]
    public void Classify_CounterfeitClue_CounterfeitAndSerious(string text)
    {
        var result = Classify(text);

        Assert.Equal(TicketCategory.Counterfeit, result.Category);
        Assert.Equal(Severity.Serious, result.Severity);
    }

    [Fact]
    public void Classify_DeniedCounterfeitClaim_NotSerious() =>
        Assert.Equal(Severity.Normal, Classify("不是说你们卖假货，就是想确认一下包装").Severity);

    [Theory]
    [InlineData("开不了机")]
    [InlineData("屏幕有坏点")]
    [InlineData("鞋底开胶了")]
    [InlineData("色差很大")]
    [InlineData("右耳没声音")]
    public void Classify_DefectWithoutQualityWord_ProductQuality(string text) =>
        Assert.Equal(TicketCategory.ProductQuality, Classify(text).Category);

    [Theory]
    [InlineData("同一笔订单被扣了两次，一共¥2699")]
    [InlineData("两万多的沙发皮面开裂")]
    [InlineData("I was charged $650 twice")]
    [InlineData("四萬多的筆電寄丟了")]
    [InlineData("这台电视 6999 买的，屏幕有坏点")]
    public void Classify_StatedLargeAmount_SeriousWithAmountReason(string text)
    {
        var result = Classify(text);

        Assert.Equal(Severity.Serious, result.Severity);
        Assert.Contains(result.Reasons, r => r.Rule == ClassificationRule.StatedAmount);
    }

    [Theory]
    [InlineData("这是我第四次反映这个问题了")]
    [InlineData("This is the fourth time I report this")]
    [InlineData("已經投訴了三次還是沒有處理")]
    public void Classify_StatedRepeat_Serious(string text)
    {
        var result = Classify(text);

        Assert.Equal(Severity.Serious, result.Severity);
        Assert.Contains(result.Reasons, r => r.Rule == ClassificationRule.StatedRepeat);
    }

    [Theory]
    [InlineData("用了三次就坏了")]
    [InlineData("第三次用就坏了")]
    [InlineData("订单号 2405180233 的杯子裂了")]
    [InlineData("2024款的杯子，3000mah 的电池不耐用")]
    [InlineData("杯子裂了，请打我电话 138 0013 8000")]
    public void Classify_NumbersThatAreNoLossOrRepeat_Normal(string text) =>
        Assert.Equal(Severity.Normal, Classify(text).Severity);

    [Fact]
    public void Classify_TraditionalKeywordConfigured_MatchesSimplifiedText()
    {
        var rules = ClassificationRules.Default with { SafetyWords = new KeywordSet([], [], ["發黴"]), SafetyHazards = [] };

        var result = new TicketClassifier(rules).Classify(TicketClassifierTableTests.Input("面包发霉了"));

        Assert.Equal(Severity.Urgent, result.Severity);
        Assert.Contains(result.Reasons, r => r.Rule == ClassificationRule.SafetyWord && r.Detail == "發黴" && r.Language == "zh-CN");
    }

    [Fact]
    public void Classify_TwoPartClue_OnlyWithinOneSentence()
    {
        var rules = ClassificationRules.Default with { SafetyWords = new KeywordSet(["battery…hot"], [], []), SafetyHazards = [] };
        var classifier = new TicketClassifier(rules);

        Assert.Equal(Severity.Urgent, classifier.Classify(TicketClassifierTableTests.Input("The battery gets very hot")).Severity);
        Assert.Equal(Severity.Normal, classifier.Classify(TicketClassifierTableTests.Input("The battery is fine. The soup was hot")).Severity);
    }
}

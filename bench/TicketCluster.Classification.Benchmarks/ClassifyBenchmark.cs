using BenchmarkDotNet.Attributes;
using TicketCluster.Domain;
using TicketCluster.Domain.Classification;

namespace TicketCluster.Classification.Benchmarks;

/// <summary>Classifying one complaint with the default rules, per language; the classifier is built once.</summary>
[MemoryDiagnoser]
public class ClassifyBenchmark
{
    private static readonly Dictionary<string, string> Samples = new(StringComparer.Ordinal)
    {
        ["zh-CN"] = "买的电暖器用了三天，昨晚插头那里有焦味还冒了烟，孩子碰到外壳被电了一下，现在手还发麻。订单金额两千多，这已经是我第三次联系客服了，再不处理我就去市场监督管理局投诉。",
        ["zh-TW"] = "上個月買的吹風機，今天用的時候突然冒火花，還有一股燒焦的味道，幸好沒有人受傷。客服態度很差，說要等廠商回覆，已經等了兩個禮拜，我會向消基會申訴。",
        ["en"] = "The space heater I bought last week started smoking last night and the plug melted. My son touched the case and got a shock, no one was burned but it was close. This is the third time I'm contacting you and the order was $850.",
    };

    private readonly TicketClassifier _classifier = new(ClassificationRules.Default);
    private ClassificationInput _input = null!;

    [Params("zh-CN", "zh-TW", "en")]
    public string Language { get; set; } = "en";

    [GlobalSetup]
    public void Setup() => _input = new ClassificationInput(Samples[Language], null, null, CustomerTier.Regular, null, 0, false);

    [Benchmark]
    public TicketClassification Classify() => _classifier.Classify(_input);
}

using TicketCluster.Domain;

namespace TicketCluster.LoadGen.Text;

/// <summary>
/// Complaint texts as customers write them, in Chinese or English, per category. An urgent complaint adds
/// a safety sentence with words the silo's classifier knows (起火, 触电, injured, electric shock), so the
/// cluster itself classifies it urgent, exactly as it would a real one. Ordinary texts avoid every safety,
/// media and counterfeit word, so they stay normal unless the mix says otherwise.
/// </summary>
public static class ComplaintTexts
{
    private static readonly Dictionary<TicketCategory, string[]> English = new()
    {
        [TicketCategory.ProductQuality] = ["The {0} arrived with a cracked lid and leaks water.", "The {0} stopped working after three days.", "One button of the {0} is loose and the screen flickers."],
        [TicketCategory.Logistics] = ["My {0} was marked delivered but never reached me.", "The parcel with the {0} has not moved for six days.", "The courier left the {0} at the wrong building."],
        [TicketCategory.ServiceAttitude] = ["The agent was rude when I asked about my {0} and ended the chat.", "Nobody answered my three messages about the {0}."],
        [TicketCategory.Price] = ["The {0} dropped in price two days after I bought it; I want the difference back.", "I was charged twice the coupon price for the {0}."],
        [TicketCategory.ReturnPolicy] = ["I want to return the {0} within seven days but the shop refuses.", "The shop will not exchange the {0} for a different size."],
        [TicketCategory.Invoice] = ["I still have no invoice for the {0} after two weeks.", "The invoice for the {0} shows the wrong company name."],
        [TicketCategory.InstallationUsage] = ["The installer never came to set up the {0}.", "The manual of the {0} is missing and I cannot pair it."],
        [TicketCategory.Counterfeit] = ["The {0} I received is not genuine: the serial number does not exist.", "This {0} is a knock-off, the logo is printed crooked."],
        [TicketCategory.Other] = ["I have a question about the warranty of the {0}.", "Please change the delivery address for the {0}."],
    };

    private static readonly Dictionary<TicketCategory, string[]> Chinese = new()
    {
        [TicketCategory.ProductQuality] = ["收到的{0}盖子裂了，还漏水。", "{0}用了三天就坏了，无法开机。", "{0}的按键松动，屏幕一直闪。"],
        [TicketCategory.Logistics] = ["{0}显示已签收，但我根本没收到。", "{0}的快递六天没有更新物流信息。", "快递员把{0}送到了别的楼。"],
        [TicketCategory.ServiceAttitude] = ["客服对我的{0}问题态度很差，直接结束了对话。", "关于{0}发了三次消息都没人回复。"],
        [TicketCategory.Price] = ["{0}买了两天就降价了，要求退差价。", "{0}的优惠券没有生效，多付了钱。"],
        [TicketCategory.ReturnPolicy] = ["{0}七天无理由退货，商家拒绝。", "商家不同意给{0}换尺码。"],
        [TicketCategory.Invoice] = ["{0}两周了还没开发票。", "{0}的发票抬头开错了。"],
        [TicketCategory.InstallationUsage] = ["{0}约好的安装师傅一直没来。", "{0}没有说明书，不会配对。"],
        [TicketCategory.Counterfeit] = ["收到的{0}是假货，序列号查不到。", "这个{0}是高仿，标志印歪了。"],
        [TicketCategory.Other] = ["想咨询一下{0}的保修政策。", "请帮我修改{0}的收货地址。"],
    };

    private static readonly string[] EnglishSafety =
    [
        " When I plugged it in, it caught fire and my son was injured.",
        " I got an electric shock from the casing and went to the hospital.",
        " It started to smoke and overheat on the table.",
    ];

    private static readonly string[] ChineseSafety = ["插上电就起火了，孩子的手烫伤了。", "外壳漏电，我被电击了，去了医院。", "充电时冒烟，差点爆炸。"];

    private static readonly string[] EnglishProducts = ["kettle", "phone case", "air fryer", "running shoes", "rice cooker", "headphones", "desk lamp", "backpack"];

    private static readonly string[] ChineseProducts = ["电水壶", "手机壳", "空气炸锅", "跑鞋", "电饭煲", "耳机", "台灯", "双肩包"];

    /// <summary>A complaint about <paramref name="category"/>; with <paramref name="safety"/> it names a
    /// harm the classifier treats as urgent.</summary>
    public static string Complaint(Random random, TicketCategory category, bool chinese, bool safety)
    {
        ArgumentNullException.ThrowIfNull(random);
        var templates = (chinese ? Chinese : English)[category];
        var products = chinese ? ChineseProducts : EnglishProducts;
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, templates[random.Next(templates.Length)], products[random.Next(products.Length)]);
        if (safety)
        {
            var sentences = chinese ? ChineseSafety : EnglishSafety;
            text += sentences[random.Next(sentences.Length)];
        }

        return text;
    }

    /// <summary>The product a text was written about, as an order line name.</summary>
    public static string ProductName(Random random, bool chinese)
    {
        ArgumentNullException.ThrowIfNull(random);
        var products = chinese ? ChineseProducts : EnglishProducts;
        return products[random.Next(products.Length)];
    }

    /// <summary>Every ordinary template, for tests that check no ordinary text reads as urgent.</summary>
    internal static IEnumerable<string> OrdinaryTemplates() => English.Values.Concat(Chinese.Values).SelectMany(t => t);
}

namespace TicketCluster.Domain.Classification;

/// <summary>
/// The default keyword lists (docs/classification.md lists them too). Latin words are lower case; a
/// trailing <c>*</c> marks a stem. Chinese lists avoid single characters and bare numbers that occur
/// inside ordinary words or order numbers (贵, 315).
/// </summary>
internal static class DefaultKeywords
{
    public static readonly KeywordSet Safety = new(
        ["injur*", "hurt", "wound*", "bleed*", "burn*", "fire", "caught fire", "flame*", "smoke", "smoking",
         "electric shock", "electrocut*", "explod*", "explosion", "blew up", "poison*", "toxic", "allerg*",
         "overheat*", "short circuit", "chok*", "suffocat*", "hospital*", "emergency room"],
        ["受伤", "伤到", "烫伤", "烧伤", "割伤", "划伤", "起火", "着火", "失火", "冒烟", "自燃", "燃烧", "触电",
         "漏电", "电击", "爆炸", "炸了", "中毒", "过敏", "窒息", "住院", "医院", "送医", "流血", "短路", "过热"],
        ["受傷", "傷到", "燙傷", "燒傷", "割傷", "劃傷", "起火", "著火", "着火", "失火", "冒煙", "自燃", "燃燒", "觸電",
         "漏電", "電擊", "爆炸", "炸了", "中毒", "過敏", "窒息", "住院", "醫院", "送醫", "流血", "短路", "過熱"]);

    public static readonly KeywordSet MediaThreat = new(
        ["journalist*", "reporter*", "media", "newspaper*", "tv station", "expos*", "go public", "going public",
         "viral", "consumer association", "consumer council", "consumer protection", "regulator*", "regulatory",
         "authorities", "lawsuit*", "sue", "suing", "lawyer*", "attorney*", "legal action", "trading standards",
         "better business bureau", "12315"],
        ["媒体", "曝光", "记者", "电视台", "报社", "新闻", "热搜", "微博", "消协", "消费者协会", "12315", "315晚会",
         "市场监管", "市监局", "工商局", "监管部门", "起诉", "律师", "法院", "打官司", "诉讼"],
        ["媒體", "曝光", "記者", "電視台", "報社", "新聞", "熱搜", "微博", "消協", "消費者協會", "消委會", "12315",
         "市場監管", "工商局", "監管部門", "起訴", "律師", "法院", "打官司", "訴訟"]);

    public static readonly KeywordSet Counterfeit = new(
        ["fake", "counterfeit*", "knock-off", "knockoff", "replica", "not genuine", "not authentic", "imitation"],
        ["假货", "假冒", "仿品", "高仿", "山寨", "冒牌", "不是正品", "非正品", "a货"],
        ["假貨", "假冒", "仿品", "高仿", "山寨", "冒牌", "不是正品", "非正品", "a貨"]);

    public static readonly IReadOnlyList<CategoryKeywords> Categories =
    [
        new(TicketCategory.Counterfeit, new KeywordSet([], [], [])),
        new(TicketCategory.ProductQuality, new KeywordSet(
            ["broken", "defect*", "faulty", "damaged", "crack*", "not working", "doesn't work", "does not work",
             "stopped working", "quality", "malfunction*", "leak*", "torn", "scratch*", "dead on arrival", "stain*"],
            ["质量", "坏了", "破损", "损坏", "故障", "开裂", "裂了", "漏水", "瑕疵", "不能用", "无法使用", "不工作",
             "掉色", "起球", "划痕", "次品", "失灵"],
            ["質量", "品質", "壞了", "破損", "損壞", "故障", "開裂", "裂了", "漏水", "瑕疵", "不能用", "無法使用",
             "掉色", "起球", "劃痕", "次品", "失靈"])),
        new(TicketCategory.Logistics, new KeywordSet(
            ["deliver*", "shipping", "shipment", "shipped", "courier", "parcel", "package", "tracking",
             "lost in transit", "late", "never arrived", "not arrived", "hasn't arrived", "carrier", "dispatch*"],
            ["物流", "快递", "配送", "发货", "没收到", "未收到", "送货", "派送", "运单", "包裹", "延迟", "丢件",
             "签收", "顺丰", "迟迟"],
            ["物流", "快遞", "配送", "發貨", "沒收到", "未收到", "送貨", "派送", "運單", "包裹", "延遲", "丟件",
             "簽收", "順豐", "遲遲"])),
        new(TicketCategory.ReturnPolicy, new KeywordSet(
            ["return policy", "refused return", "refuse to refund", "refused to refund", "refused my return",
             "won't accept return", "restocking fee", "return window", "no returns", "exchange policy"],
            ["退货政策", "拒绝退货", "不给退", "不让退", "不予退货", "七天无理由", "7天无理由", "退换货", "不给换",
             "拒绝退款", "不退款"],
            ["退貨政策", "拒絕退貨", "不給退", "不讓退", "不予退貨", "七天無理由", "7天無理由", "退換貨", "不給換",
             "拒絕退款", "不退款"])),
        new(TicketCategory.Price, new KeywordSet(
            ["price*", "pricing", "overcharg*", "charged twice", "double charg*", "discount*", "coupon*", "cheaper",
             "price difference"],
            ["价格", "降价", "差价", "保价", "优惠券", "优惠", "多扣", "多收", "扣款", "乱收费", "涨价"],
            ["價格", "降價", "差價", "保價", "優惠券", "優惠", "多扣", "多收", "扣款", "亂收費", "漲價"])),
        new(TicketCategory.Invoice, new KeywordSet(
            ["invoice*", "receipt*", "fapiao", "vat"],
            ["发票", "开票", "专票", "普票", "收据", "税号"],
            ["發票", "開票", "專票", "普票", "收據", "稅號"])),
        new(TicketCategory.InstallationUsage, new KeywordSet(
            ["install*", "setup", "set up", "how to use", "instruction*", "manual", "assembl*", "configur*",
             "pairing", "can't connect", "cannot connect"],
            ["安装", "怎么用", "使用方法", "说明书", "不会用", "组装", "调试", "设置", "连接不上", "连不上"],
            ["安裝", "怎麼用", "使用方法", "說明書", "不會用", "組裝", "調試", "設定", "設置", "連接不上", "連不上"])),
        new(TicketCategory.ServiceAttitude, new KeywordSet(
            ["rude", "attitude", "impolite", "unprofessional", "ignored", "hung up", "no reply", "disrespect*",
             "yelled", "customer service"],
            ["态度", "客服", "不理", "不回复", "挂电话", "骂人", "不耐烦", "敷衍", "服务差"],
            ["態度", "客服", "不理", "不回覆", "掛電話", "罵人", "不耐煩", "敷衍", "服務差"])),
    ];
}

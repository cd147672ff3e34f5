namespace TicketCluster.Domain.Classification;

/// <summary>
/// The default keyword lists (docs/classification.md lists them too). Latin words are lower case; a
/// trailing <c>*</c> marks a stem; <c>a…b</c> is a two-part clue within one sentence. Chinese words are
/// written once in simplified characters: traditional text is folded to simplified before matching, so
/// the traditional lists hold only Taiwan and Hong Kong wording with no simplified twin (冇, 電親, 消基會).
/// Chinese lists avoid single characters and bare numbers that occur inside ordinary words or order
/// numbers (贵, 315).
/// </summary>
internal static partial class DefaultKeywords
{
    /// <summary>General injury and medical words; the hazard families are in <see cref="Hazards"/>.</summary>
    public static readonly KeywordSet Safety = new(
        ["injur*", "hurt", "wound*", "burn", "burns", "burned", "burnt", "scald*", "blister*", "hospital*",
         "emergency room", "a&e", "doctor", "paramedic*", "ambulance", "first aid", "bruis*", "fracture*",
         "broken arm", "broken leg", "broken finger", "concussion", "dangerous", "unsafe", "safety hazard", "fire hazard", "choking hazard", "burning sensation", "sting*", "went numb", "numb", "fumes", "headache*", "passed out", "fainted", "fainting", "dizzy", "dizziness", "unconscious", "seizure*", "convuls*", "poison control", "urgent care", "medical attention", "medical treatment", "pediatrician", "paediatrician", "welt*", "hit his head", "hit her head", "hit my head", "bumped his head", "bumped her head", "bumped my head", "banged…head", "knocked…head", "bruised", "black and blue", "pinned", "landed on his", "landed on her", "landed on my", "came down on", "tipped forward", "tipped onto", "fell onto"],
        ["受伤", "伤到", "伤了", "弄伤", "开水…倒在", "开水…洒", "热水…洒", "开水…溅", "烫伤", "烧伤", "烫到", "烧到", "水泡", "住院", "医院", "就医", "看医生",
         "急诊", "送医", "诊所", "救护车", "抢救", "伤口", "骨折", "淤青", "瘀青", "擦伤", "烫红", "危险", "安全隐患", "后怕", "险些", "出事", "血口", "火辣辣", "溅到", "疼得", "痛得", "剧痛", "疼痛", "磕到", "磕破", "磕伤", "磕出", "撞伤", "撞到头", "栽下来", "栽倒", "摔了下来", "晕倒", "昏倒", "昏迷", "头晕", "晕眩", "抽搐", "休克", "打120", "叫了120", "输液", "挂水", "打点滴", "洗胃", "灼伤", "灼痛", "青紫", "淤血", "破皮", "受罪", "疼死", "痛死", "摔了一跤", "摔在地上", "压伤", "压到…手", "压到…脚"],
        ["整亲", "烫亲", "跌亲", "伤亲", "睇医生", "睇急症", "撞亲", "晕低", "磕亲"]);

    public static readonly IReadOnlyList<HazardKeywords> Hazards =
    [
        new("electric-shock", new KeywordSet(
            ["electric shock", "electrocut*", "got a shock", "a shock from", "gave me a shock", "shocked me",
             "shocked my", "shocked him", "shocked her", "zapped", "tingl*", "live wire", "exposed wire*", "electric current", "giving off a current", "current through",
             "short circuit", "short-circuit*", "spark", "sparks", "sparked", "sparking"],
            ["触电", "漏电", "电击", "被电", "电到", "电了一下", "电了我", "麻手", "手发麻", "电麻", "打火", "火花",
             "短路", "电线裸露", "线芯外露", "带电", "麻麻的", "发麻", "电笔", "电人", "电手", "手都麻", "手麻"],
            ["电亲", "电电地"])),
        new("fire-smoke-heat", new KeywordSet(
            ["fire", "caught fire", "on fire", "flame*", "smoke", "smoking", "smoked", "smoulder*", "smolder*",
             "burning smell", "smell of burning", "burning…smell", "blackened", "scorched", "scorch*", "melted", "melting", "overheat*", "too hot to touch",
             "explod*", "explosion", "blew up", "swollen battery", "battery…swell*", "battery…bulg*", "bulging",
             "puffed up", "charred", "burning plastic", "burnt plastic", "melted plastic", "singed", "scorch marks"],
            ["起火", "着火", "失火", "火苗", "明火", "冒烟", "冒火", "烟雾", "自燃", "燃烧", "烧起来", "烧焦", "焦味",
             "糊味", "焦糊", "烧糊", "烧黑", "熏黑", "熔化", "过热", "烫手", "化了…塑料", "塑料…化了", "火星", "冒…烟", "黑烟", "浓烟", "起烟", "爆炸", "炸了", "爆了", "炸裂", "鼓包",
             "鼓起", "胀起", "膨胀", "变形…发烫", "发烫…变形", "焦黑", "烧过", "烧…味", "糊了", "融化", "熔了", "火光", "闪火", "烧着", "起明火", "烫得…碰"],
            ["燶味", "烧燶"])),
        new("choking", new KeywordSet(
            ["choke", "choked", "choking", "chokes", "gag", "gagged", "gagging", "suffocat*", "swallowed", "swallow", "couldn't breathe",
             "could not breathe", "can't breathe", "cannot breathe", "airway", "turned blue", "lodged in", "gasp*", "wheez*", "short of breath", "shortness of breath", "struggling to breathe", "trouble breathing", "difficulty breathing", "hard to breathe"],
            ["窒息", "呛到", "呛着", "呛得", "呛住", "噎到", "噎住", "噎着", "卡喉咙", "卡在喉咙", "卡住喉咙", "喘不过气",
             "上不来气", "脸都紫", "脸发紫", "嘴唇发紫", "喘不上气", "呼吸不畅", "憋得", "憋气", "卡在嗓子", "卡嗓子", "误吞", "吞下", "吞进", "吞了", "咽下", "塞嘴里", "塞进嘴", "放进嘴", "吞下去"],
            ["哽亲", "鲠亲"])),
        new("poisoning", new KeywordSet(
            ["poison*", "toxic", "vomit*", "threw up", "throwing up", "diarrh*", "stomach cramp*", "food poisoning",
             "got sick after", "sick after eating", "nausea", "nauseous", "formaldehyde", "stomach pain*", "stomach ache*", "stomachache*", "upset stomach", "tummy ache*", "were sick", "was sick for", "got sick", "fell ill", "made us ill", "made him ill", "made her ill", "made my son ill", "made my daughter ill", "carbon monoxide", "cramps", "ill after", "sick all night", "sick the next day", "fever after"],
            ["中毒", "有毒", "毒性", "呕吐", "吐了", "上吐下泻", "拉肚子", "腹泻", "肚子疼", "肚子痛", "胃疼", "胃痛",
             "吃坏", "甲醛", "头晕呕", "吐得", "一直吐", "吐个不停", "狂吐", "想吐", "腹痛", "肚子难受", "胃难受", "恶心", "反胃", "拉稀", "吃完…不舒服", "喝完…不舒服", "一氧化碳", "绞痛", "肚子…痛", "肚子…疼", "跑厕所", "跑了…厕所", "拉了…次", "发烧", "食物中毒"],
            ["肚屙", "屙呕", "肚痛"])),
        new("allergy", new KeywordSet(
            ["allerg*", "rash", "rashes", "hives", "swelling", "swollen", "swelled", "antihistamine", "epipen", "itchy", "itching", "anaphyla*",
             "broke out in", "breaking out", "blotch*", "red bumps", "bumps all over", "puffy", "eyes…swell*"],
            ["过敏", "起疹子", "疹子", "风团", "呼吸急", "呼吸困难", "红疹", "皮疹", "红肿", "肿了", "瘙痒", "发痒", "痒得", "起红点", "烂脸", "刺痛", "又红又痒", "很痒", "好痒", "奇痒", "疙瘩", "红了一片", "起了…包", "起包", "脸…红肿"],
            ["敏感咗"])),
        new("cut", new KeywordSet(
            ["cut my", "cut his", "cut her", "cut their", "cut our", "sliced", "laceration*", "bleed*", "blood",
             "stitches", "sharp edge*", "razor-sharp", "gash*", "splinter*", "sharp burr*", "piece of metal", "metal shard*", "glass shard*"],
            ["割伤", "划伤", "划破", "割破", "扎破", "扎伤", "刺伤", "割到", "划到手", "划了一道", "划了个口子", "流血",
             "出血", "见血", "缝针", "玻璃渣", "边缘…锋利", "划…口子", "割…口子", "缝了…针", "缝…针", "碎片…飞", "玻璃…飞出", "碎片…崩", "划了…口", "割了", "扎到", "扎了", "刺到", "毛刺…手", "扎手", "划手", "割手"],
            ["𠝹亲", "界亲"])),
        new("fall-crush", new KeywordSet(
            ["collapsed", "collapse", "gave way", "crashed and", "i crashed", "tipped over", "toppled", "fell on", "fell over", "fell down",
             "fell from", "fall down", "crushed my", "crushed his", "crushed her", "got crushed", "was crushed", "trapped…finger*", "pinched…finger*"],
            ["摔倒", "摔伤", "摔下来", "跌倒", "滑倒", "塌了", "倒塌", "坍塌", "砸到", "砸伤", "砸在", "夹到手", "夹伤",
             "夹住手", "倾倒", "翻倒", "断了…摔", "散架…摔", "夹到", "夹得", "砸下来", "倒下来…砸", "倒下来…压", "压在…身上"],
            ["跌低", "冧咗"])),
        BodyHarm(),
    ];

    /// <summary>
    /// Harm to a body part, read as two-part clues (脸上…肿, hand…numb, broke…wrist): a person describing
    /// what happened to them in words no family lists still names where it hurts.
    /// </summary>
    private static HazardKeywords BodyHarm() => new("body-harm", new KeywordSet(
        [.. Clues(["hand", "hands", "finger", "fingers", "face", "leg", "legs", "arm", "arms", "wrist", "eye", "eyes",
                   "mouth", "lip", "lips", "skin", "foot", "feet", "neck", "throat", "scalp", "knee", "ankle", "head", "forehead", "chin", "tooth", "teeth", "tongue", "chest", "cheek", "gum", "gums", "thumb", "palm", "toe", "toes", "back"],
                  ["hurt", "swell*", "swollen", "burn*", "bleed*", "blister*", "numb", "bruis*", "sting*", "cut", "broke",
                   "broken", "fractur*", "rash"])],
        [.. Clues(["手上", "手被", "手指", "手心", "手背", "手臂", "脚上", "脚被", "脚底", "脸上", "脸被", "腿上", "腿被", "头上",
                   "头被", "眼睛", "嘴巴", "嘴里", "嘴唇", "胳膊", "皮肤", "身上", "头皮", "喉咙", "额头", "头部", "后脑", "下巴", "牙齿", "舌头", "胸口", "膝盖", "肚子", "手掌", "脚趾", "牙龈", "后背"],
                  ["破", "伤", "肿", "烫", "麻", "流血", "出血", "疼", "痛", "起泡", "划", "红了", "发红", "刺", "裂"])],
        []));

    private static IEnumerable<string> Clues(string[] bodyParts, string[] harms) =>
        bodyParts.SelectMany(b => harms.SelectMany(h => new[] { $"{b}…{h}", $"{h}…{b}" }));

    /// <summary>Phrases that contain a signal word but mean something else; masked before any signal is read.</summary>
    public static readonly KeywordSet NotSignals = new(
        ["social media", "smoke grey", "smoke gray", "smoky grey", "smoked glass", "fire tv", "fire stick",
         "firestick", "kindle fire", "fire red", "burn a cd", "burn rate", "shocked by the price", "shocked at the price",
         "shocked to see", "shocked that", "fell apart", "fell off", "no smoking", "smoke-free",
         "smoke detector", "smoke alarm", "fire alarm", "fire extinguisher", "poison ivy", "bleeding edge",
         "blood orange", "blood pressure", "blood sugar", "blood glucose", "blood oxygen", "dead on arrival", "swallowed my card", "burnt orange", "burnt sienna", "choker"],
        ["气炸了", "炸了锅", "炸毛", "火大", "恼火", "发火", "火爆", "火锅", "烟火气", "工商银行", "工商局注册",
         "吐槽", "吐了吐舌头", "爆款", "爆单", "爆仓", "爆满", "防火", "防烫", "防漏电", "防过敏", "不过敏",
         "医院附近", "吞吐", "电话", "充电", "打火机", "报警器", "烟感", "膨胀螺丝", "鼓起勇气", "假日", "假期", "请假", "放假", "虚假宣传", "烧钱", "心都碎了", "危险品", "电池带电", "充电器带电", "发烧友", "发烧级", "烧录", "夹子", "文件夹"],
        ["嬲到爆", "激到爆", "劲爆"]);

    /// <summary>Words that negate a signal read shortly after them in the same clause.</summary>
    public static readonly KeywordSet Negations = new(
        ["no", "not", "never", "nobody", "no one", "none", "without", "neither", "nor", "didn't", "did not",
         "wasn't", "weren't", "isn't", "aren't", "hasn't", "haven't", "hadn't", "doesn't", "don't", "won't",
         "nothing", "luckily no", "fortunately no"],
        ["没有", "没", "无", "未", "不是说", "不是", "并非", "不会", "并没", "别", "幸好没", "好在没", "无人", "不曾"],
        ["冇", "唔", "未有", "唔系"]);

    /// <summary>Words that look like negations but are not (没想到: did not expect); masked before negation is read.</summary>
    public static readonly KeywordSet NotNegations = new(
        ["not only", "no longer", "not sure", "no idea", "not long after", "not even", "no response", "no reply", "not working"],
        ["没想到", "没注意", "没留意", "没看", "没多久", "没几天", "没过", "没一会", "没两天", "无意", "未成年", "没管",
         "没防备", "无缘无故", "不是第一次", "还没", "是不是", "无法", "无论", "没用", "没反应", "没法", "没办法", "没人管", "没人理", "没人回",
         "未经", "未来", "别人", "特别", "区别", "分别", "别的", "不会用", "没电", "没声音", "没动静", "没货", "没收到", "未收到"],
        ["冇几耐", "唔知点解", "唔小心"]);

    public static readonly KeywordSet MediaThreat = new(
        ["journalist*", "reporter*", "the press", "the news", "local news", "newspaper*", "tv station", "news station", "media", "expose",
         "go public", "going public", "go viral", "viral", "consumer association", "consumer council",
         "consumer protection", "consumer affairs", "regulator*", "regulatory", "authorities", "lawsuit*", "sue",
         "suing", "lawyer*", "attorney*", "legal action", "small claims", "trading standards",
         "better business bureau", "bbb", "ftc", "12315", "'ll post", "will post", "going to post", "report you to"],
        ["媒体", "曝光", "记者", "电视台", "报社", "报纸", "新闻", "热搜", "发微博", "上微博", "挂到网上", "发到网上",
         "发抖音", "发小红书", "消协", "消费者协会", "消保", "12315", "315晚会", "市场监管", "市场监督", "市监局",
         "监督管理局", "工商", "监管部门", "质监", "药监", "起诉", "律师", "法院", "打官司", "诉讼", "举报", "报警",
         "黑猫投诉"],
        ["消基会", "消委会", "消保官", "消保处", "公平会", "放上网", "报串"]);

    public static readonly KeywordSet Fraud = new(
        ["fraud*", "scam*", "hacked", "account takeover", "unauthorized", "unauthorised", "data leak*",
         "personal data", "personal information", "identity theft", "phishing", "logged into my account", "orders i didn't", "didn't place", "someone…my account"],
        ["诈骗", "骗子", "被骗", "盗号", "被盗", "盗刷", "信息泄露", "泄露", "个人信息", "隐私", "冒充", "钓鱼"],
        ["呃钱", "俾人呃"]);

    public static readonly KeywordSet Counterfeit = new(
        ["fake", "counterfeit*", "knock-off", "knockoff", "replica", "not genuine", "not authentic", "imitation",
         "bootleg", "serial…not found", "serial…doesn't exist", "serial…does not exist", "serial…invalid",
         "serial…not recogni*", "serial…isn't recogni*", "batch code…recogni*", "batch…isn't recogni*", "serial…not registered", "serial…no record", "authenticity…fail*",
         "verification…fail*", "authenticity code…invalid", "batch…not exist", "batch…does not exist", "batch…doesn't exist", "serial…unknown", "not the real", "not theirs", "isn't theirs", "no brand markings", "missing…brand markings", "brand markings…missing", "markings…missing", "no hologram", "hologram…missing", "logo…crooked", "doubt…authentic", "doubt…genuine", "suspect…fake"],
        ["假货", "假冒", "仿品", "高仿", "山寨", "冒牌", "不是正品", "非正品", "a货", "假的", "是假", "翻版", "防伪码…查不到",
         "防伪…查无", "防伪…异常", "防伪…无效", "序列号…查不到", "序列号…查无", "序列号…不存在", "序列号…对不上",
         "串号…查不到", "仿冒", "序号不是", "不是他们家的", "不是…家的货", "串号…对不上", "溯源…异常", "溯源…查不到", "验证…不通过", "验证…失败", "官网…查不到", "鉴定…假", "批号…不存在", "批号…查不到", "批次…查不到", "批号…对不上", "防伪码…已被查询", "防伪码…查询过", "logo…歪", "商标…歪"],
        ["老翻", "翻版货", "冒牌货"]);
}

/// <summary>One hazard family of the safety rule: its name (shown in the reasons) and its words.</summary>
public sealed record HazardKeywords(string Family, KeywordSet Keywords);

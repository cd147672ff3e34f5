namespace TicketCluster.Domain.Classification;

/// <summary>The default category words; see <see cref="DefaultKeywords"/> for the notation.</summary>
internal static partial class DefaultKeywords
{
    /// <remarks>Ties go to the category listed first: the policy, money, paperwork and account categories come
    /// before product quality because a complaint about a refusal or a charge usually names the defect as context.</remarks>
    public static readonly IReadOnlyList<CategoryKeywords> Categories =
    [
        new(TicketCategory.Counterfeit, new KeywordSet(
            ["authentic", "genuine", "authorized seller", "authorised seller", "grey import", "brand markings", "logo", "original", "batch code", "专柜", "包装…不一样", "确认…正品"],
            ["正品", "正版", "专柜验", "鉴定", "防伪", "授权店", "水货"],
            ["行货", "原装正货"])),
        new(TicketCategory.ReturnPolicy, new KeywordSet(
            ["return policy", "returns policy", "refused return", "refuse to refund", "refused to refund",
             "refused my return", "won't accept return", "restocking fee", "return window", "no returns",
             "exchange policy", "return request", "won't accept", "refused…return", "denied…return", "rejected…return",
             "can't return", "cannot return", "not returnable", "non-returnable", "final sale", "won't refund",
             "won't take it back", "refund…refused", "refund…denied", "refund…rejected", "returns", "return it",
             "30-day", "30 days", "14 days", "7 days", "store credit", "refund review", "return shipping", "return label", "refund…outstanding", "refund…still", "refund…pending", "been refunded", "return was received", "return…received", "refund yet", "no returns", "sale items", "restocking", "my refund", "refund for", "original packaging", "packaging", "refund…never arrived", "refund never", "refund hasn't", "send it back", "sending it back", "send back", "returnable", "partial refund", "refund…partial", "money back", "returning", "returned"],
            ["退货政策", "拒绝退货", "不给退", "不让退", "不予退货", "七天无理由", "7天无理由", "退换货", "不给换", "拒绝退款",
             "不退款", "退货", "退不了", "拒退", "无理由", "退回", "退款被拒", "驳回", "拆封", "不退", "不能退", "不支持退",
             "不给换货", "换不了", "超过…天", "过了…天", "退款申请", "退货申请", "运费险", "退换", "退款审核", "审核", "退货运费", "寄回运费", "退款…没到账", "退款…还没", "退款…迟迟", "退款…没收到", "不退不换", "特价…不退", "退钱", "申请退货", "退货被拒", "退款被驳回"],
            ["鉴赏期", "唔俾退", "唔退", "退钱"])),
        new(TicketCategory.Price, new KeywordSet(
            ["price*", "pricing", "overcharg*", "charged twice", "double charg*", "discount*", "coupon*", "cheaper",
             "price difference", "charged…twice", "price match", "promo*", "sale price", "billed twice", "extra charge",
             "hidden fee*", "fee", "fees", "cost more", "more expensive", "checkout", "voucher*", "cashback", "promo code", "discount code", "member price", "shipping fee", "free shipping", "charged", "full price", "delivery fee", "handling fee", "billed", "in the cart", "cheaper", "charged…times", "charged me", "% off", "advertised", "payment twice", "paid twice", "took the payment", "went up", "price went", "price dropped", "the difference"],
            ["价格", "降价", "差价", "保价", "优惠券", "优惠", "多扣", "多收", "扣款", "乱收费", "涨价", "便宜", "原价",
             "标价", "结算", "实付", "价钱", "满减", "促销", "活动价", "划线价", "先涨后降", "到手价", "返现", "红包",
             "收费", "扣了两次", "重复扣费", "付了两次", "扣费", "贵了", "价保", "券", "包邮", "运费", "会员价", "扣了两次", "重复扣款", "扣两次", "多付", "退差价", "扣…两次", "扣了…次", "扣钱", "手续费", "多收了", "免运", "原价", "满减"],
            ["折扣", "特价", "平咗", "贵咗", "价钱", "收多"])),
        new(TicketCategory.Invoice, new KeywordSet(
            ["invoice*", "receipt*", "fapiao", "vat", "tax id", "billing document", "company name", "tax number",
             "credit note", "reimburse*", "billing address", "reissue"],
            ["发票", "开票", "专票", "普票", "收据", "税号", "抬头", "电子发票", "报销", "税点", "增值税"],
            ["统一编号", "统编", "载具", "单据"])),
        new(TicketCategory.Other, new KeywordSet(
            ["account", "loyalty", "points", "membership", "password", "log in", "login", "delete my", "my data",
             "phone number on", "profile", "fraud*", "scam*", "hacked", "phishing", "impersonat*"],
            ["账户", "账号", "积分", "会员卡", "密码", "登录", "注销", "改绑", "手机号", "个人信息", "冒充", "诈骗", "被骗",
             "盗号", "盗刷", "信息泄露", "泄露"],
            ["点数", "会员点数"])),
        new(TicketCategory.ProductQuality, new KeywordSet(
            ["broken", "defect*", "faulty", "damaged", "crack*", "not working", "paper jam*", "keeps jamming", "jammed", "doesn't seal", "won't seal", "not sealing", "wrong size", "not as described", "different from the picture", "doesn't match the description", "streak*", "coating", "coming off", "died after", "died within", "stopped…working", "won't boot", "won't start", "worn out", "wore out", "warped", "bent", "snapped", "blurry", "keeps disconnecting", "drops…connection", "inaccurate", "falling apart", "doesn't work", "does not work",
             "stopped working", "quality", "malfunction*", "leak*", "torn", "scratch*", "dead on arrival", "stain*",
             "won't turn on", "will not turn on", "doesn't turn on", "does not turn on", "won't charge", "not charging",
             "dead pixel*", "stuck pixel*", "sole…came off", "sole…peel*", "peeling", "faded", "fading",
             "colour…different", "color…different", "no sound", "crackl*", "buzzing", "rattl*", "froze", "freez*",
             "keeps crashing", "shrank", "shrunk", "ripped", "hole in", "came apart", "fell apart", "fell off", "loose",
             "mould*", "moldy", "mold", "expired", "spoiled", "rotten", "flicker*", "stitching", "seam*", "dent*",
             "wobbl*", "battery life", "overheat*", "smoke", "smell*", "burning", "sparks", "swollen battery", "broke", "hiss*", "noise", "noisy", "too loud", "line on the screen", "lines on the screen", "unglued", "zip", "zipper", "keep…warm", "keep…hot", "rancid", "stale", "won't close", "doesn't close", "does not close", "not closing", "chipped", "chip", "pilling", "repair*", "noise cancel*", "motor", "stops after", "stops working", "dies after", "battery dies", "replacement", "same fault", "same problem", "same issue", "still broken", "cutting out", "cuts out", "hold a charge", "hold…charge", "bright spot", "chipping", "lost…colour", "lost…color", "colour", "color", "only heats", "heats unevenly", "stuck", "jammed", "grinding", "drips", "dripping", "suction", "goes black", "black screen", "reboot*", "restarts", "came off", "snapped", "snaps", "not cooling", "cooling", "not heating", "double type", "fits like", "doesn't spin", "won't spin", "fault", "faults", "bent", "warped", "splits", "split", "shattered", "won't work", "defective", "poor quality", "flimsy", "sheds", "shedding", "doesn't fit", "too small", "too big"],
            ["质量", "坏了", "破损", "损坏", "故障", "断底", "鞋底…断", "卡纸", "涂层", "脱皮", "脱落", "尺码不对", "尺码…不一样", "尺码…不符", "描述不符", "与描述…不符", "和描述…不一样", "货不对板", "货不对版", "进灰", "有灰", "对焦", "不出热风", "不出风", "断连", "不准", "弯了", "用了…就坏", "没用几天", "才用…就", "开裂", "裂了", "裂开", "漏水", "瑕疵", "不能用", "无法使用", "不工作",
             "掉色", "起球", "划痕", "次品", "失灵", "开不了机", "开不开机", "不开机", "无法开机", "死机", "黑屏", "花屏",
             "坏点", "漏光", "开胶", "脱胶", "掉漆", "掉皮", "起皮", "色差", "褪色", "没声音", "没有声音", "杂音", "异响",
             "噪音", "卡顿", "充不进电", "充不上电", "不充电", "续航", "断了", "断裂", "变形", "发霉", "异味", "有味道",
             "漏气", "不亮", "不出水", "不制冷", "不加热", "做工", "线头", "缩水", "起毛", "破洞", "跑线", "不转", "异物",
             "变质", "过期", "坏掉", "用不了", "没反应", "自动关机", "重启", "凹陷", "松动", "生锈", "鼓包", "冒烟",
             "发烫", "烧焦", "焦味", "漏电", "起火", "爆炸", "短路", "保温", "声音很大", "声音特别大", "屏幕…线", "绿线", "竖线", "哈喇味", "盖不上", "关不上", "合不上", "拉链", "掉了", "坏", "不灵", "不制热", "漏油", "崩了", "缺角", "磨损", "甩干", "焦糊", "烫", "裂", "声音…大", "缺了", "卡住", "不动", "停了", "不走", "走不动", "失效", "不准", "漏", "掉", "不保温", "不均匀", "闪烁", "闪屏", "吸力", "不冷", "不热", "只能用", "不好用", "时冷时热", "进灰", "进水", "动不了", "跑毛", "掉毛", "钻毛", "歪了", "热风", "转一转就停", "断断续续", "时好时坏", "维修", "返修", "送修", "修了", "修好", "降噪", "沙沙", "滋滋", "嘶嘶", "电流声", "萤幕…线", "画面…线", "线条", "不出声", "没声", "无声", "缺口", "磕碰", "磕了", "崩掉", "碎了"],
            ["坏咗", "烂咗", "唔work", "冇反应", "甩色", "甩皮", "整烂"])),
        new(TicketCategory.Logistics, new KeywordSet(
            ["deliver*", "shipping", "shipment", "shipped", "courier", "parcel", "package", "tracking",
             "lost in transit", "late", "never arrived", "not arrived", "hasn't arrived", "carrier", "dispatch*",
             "still waiting", "wrong address", "left at", "missing item*", "wrong item", "driver", "stuck in",
             "pre-order", "preorder", "overdue", "delayed", "delay*", "in transit", "out for delivery", "ups", "fedex",
             "dhl", "usps", "royal mail", "doorstep", "porch", "arrived", "arrive", "next-day", "next day", "customs", "delivery address", "shipping address", "cold chain", "marked as delivered", "says delivered", "lost in the post", "lost parcel", "lost package", "parcel…lost", "package…lost", "someone else's order", "sent me the wrong", "wrong colour", "wrong color", "wrong size", "missing", "boxes", "hasn't shipped", "not shipped", "still hasn't", "crushed", "wrong house", "delivered to", "shipments", "never came", "damaged in transit", "during delivery", "in shipping", "arrived…smashed", "arrived…damaged", "arrived…shattered", "came…smashed", "box…damaged", "before…dispatch*", "before it ships", "before shipping", "correct…address", "wrong…address"],
            ["物流", "快递", "配送", "发货", "没收到", "未收到", "送货", "派送", "运单", "包裹", "延迟", "丢件", "签收",
             "顺丰", "迟迟", "还没到", "没到", "没送到", "未送达", "送错", "少发", "漏发", "发错", "快递员", "骑手", "超时",
             "延误", "物流信息", "不更新", "中转", "预售", "出货", "到货", "派件", "自提", "驿站", "菜鸟", "中通", "圆通",
             "申通", "韵达", "邮政", "送货上门", "放门口", "丢了", "压坏", "压扁", "外包装", "运单号", "快递单号", "揽收", "寄到", "送到", "次日达", "送达", "地址", "冷链", "清关", "海关", "改地址", "派送员", "在路上", "寄错", "送错了", "寄成", "少了一件", "少了…个", "漏寄", "只到了", "剩下的一件", "收到…碎", "收到…破", "到手…碎", "到货…坏", "快递…碎", "快递…摔坏", "运输…坏", "运输", "途中", "承运", "快递公司", "物流公司", "理赔"],
            ["宅配", "黑猫", "超商", "取货", "速递", "送货员", "到咗", "未到", "寄失"])),
        new(TicketCategory.InstallationUsage, new KeywordSet(
            ["install*", "setup", "set up", "how to use", "instruction*", "manual", "assembl*", "configur*",
             "pairing", "can't connect", "cannot connect", "how to", "how do i", "pair", "won't connect",
             "bluetooth", "wi-fi", "wifi", "app won't", "app keeps", "app crash*", "firmware", "compatib*", "technician", "mount*", "wall bracket",
             "settings", "reset", "error code", "error message", "indicator", "light stays on", "light keeps", "replace the filter", "filter", "how to replace", "error", "won't drain", "factory settings", "installer", "appointment", "won't find", "during setup", "won't fit", "fitter", "connect*", "screws", "assembly", "step", "timer", "set the", "how to set"],
            ["安装", "怎么用", "使用方法", "说明书", "不会用", "组装", "调试", "设置", "连接不上", "连不上", "配对", "蓝牙",
             "连不了", "wifi", "绑定", "激活", "教程", "怎么操作", "如何使用", "上门安装", "安装师傅", "装不上", "装不了",
             "不兼容", "固件", "驱动", "怎么设置", "不知道怎么", "打孔", "挂架", "接线", "app连不上", "app里", "恢复出厂", "装的时候", "安装的时候", "安装时", "地线", "接地", "故障码", "报错", "错误代码", "代码", "指示灯", "提示灯", "滤网", "滤芯", "怎么换", "重置", "显示e", "报e", "出现e", "灯…亮", "灯一直", "水箱", "要怎么", "怎么处理", "怎么弄", "怎么设定"],
            ["师傅", "点样用", "点用", "装唔到", "驳唔到"])),
        new(TicketCategory.ServiceAttitude, new KeywordSet(
            ["rude", "attitude", "impolite", "unprofessional", "ignored", "hung up", "no reply", "disrespect*",
             "yelled", "customer service", "no response", "shouted", "talked over", "condescending", "dismissive",
             "laughed at", "sarcastic", "on hold", "transferred", "nobody answers", "no one answers", "brushed off",
             "blamed me", "refused to listen", "transferring me", "transferred me", "departments", "wouldn't listen", "didn't listen", "store manager", "staff", "salesperson", "cashier", "apology", "apologi*", "manager", "waited…minutes", "chat", "live chat", "on the phone", "interrupt*", "escalate", "the rep", "representative", "employee", "support agent", "closed the chat", "read the faq", "replies", "reply", "my emails", "counter", "rolled…eyes", "walked away", "callback", "call back", "called back", "never called", "promised", "rude when"],
            ["态度", "客服", "不理", "不回复", "挂电话", "骂人", "不耐烦", "敷衍", "服务差", "踢皮球", "推卸", "推脱", "没人管",
             "没人回", "机器人客服", "机器人回复", "智能客服", "爱答不理", "嘲笑", "语气", "店员", "店长", "销售员", "服务员", "不专业", "冷漠", "甩锅",
             "拉黑", "道歉", "凶", "吼", "不搭理", "已读不回", "说话很冲", "阴阳怪气", "白眼", "挂了电话", "电话…挂了", "直接挂了", "挂断", "转人工", "人工客服", "在线客服", "排队", "等了…分钟", "回电", "答应…回电", "不接电话", "结束会话", "断线", "不耐烦", "唔耐烦", "服务"],
            ["黑面", "唔理", "冇人理", "职员", "店员", "懒理"])),
    ];
}

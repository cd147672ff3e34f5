using System.Collections.Frozen;
using TicketCluster.Domain.Privacy;

namespace TicketCluster.Domain.Classification;

/// <summary>
/// Folds traditional Chinese characters to simplified ones so one keyword list serves zh-CN, zh-TW and
/// Hong Kong text, and tells the script a text is written in (for the reasons' language). The table
/// is OpenCC's character table (<see cref="OpenCcPairs"/>) plus a few pairs of complaint wording; a
/// character outside it is kept as written. Configured keywords are folded the same way as the text.
/// </summary>
internal static partial class ChineseScript
{
    /// <summary>Pairs of characters, traditional then simplified, added to <see cref="OpenCcPairs"/> (which wins).</summary>
    private const string Pairs =
        "傷伤燙烫燒烧劃划觸触電电擊击煙烟醫医過过著着氣气體体質质壞坏損损開开無无顯显實实問问題题貨货發发訂订單单換换買买賣卖錢钱價价額额費费補补償偿賠赔貴贵優优稅税據据裝装說说書书會会設设連连線线網网絡络態态聽听話话聲声聯联繫系係系與与為为這这個个們们來来時时間间後后麼么還还沒没讓让給给對对應应該该從从於于當当點点經经現现變变樣样種种類类產产廠厂場场門门號号碼码戶户帳账賬账員员務务處处辦办報报導导紀纪錄录記记視视臺台區区縣县鄉乡圖图東东車车運运輸输遞递達达郵邮櫃柜護护膚肤濕湿乾干幹干髮发頭头臉脸腳脚腦脑機机螢萤鍵键盤盘鏡镜燈灯熱热鍋锅爐炉溫温燉炖飯饭飲饮餵喂藥药療疗師师診诊癢痒膿脓腫肿瘡疮紅红嘔呕瀉泻腸肠兒儿孫孙媽妈爺爷嬰婴寶宝摺折斷断鬆松緊紧銳锐鋒锋傢家櫥橱爛烂髒脏黴霉異异脹胀燬毁毀毁險险嚇吓驚惊訴诉訟讼監监屬属權权協协滿满誰谁嗎吗幫帮請请謝谢讀读寫写認认識识證证驗验檢检測测鑑鉴鑒鉴別别偽伪貼贴標标籤签簽签隨随罰罚規规則则條条約约職职業业調调試试難难歡欢憤愤罵骂煩烦講讲談谈論论議议評评漲涨減减滅灭纜缆鋰锂鐵铁鋼钢銅铜鋁铝錶表鐘钟錯错誤误級级紙纸張张層层邊边殼壳蓋盖鬧闹響响歲岁週周幾几兩两萬万億亿塊块園园舊旧擺摆術术壓压擠挤癟瘪縫缝紉纫綫线織织褲裤襪袜膠胶黏粘顏颜寬宽長长輕轻畫画閃闪爍烁頓顿關关閉闭啟启動动靜静驅驱軟软韌韧刪删檔档資资訊讯傳传擔担憂忧慮虑懷怀確确須须滯滞遲迟緩缓丟丢遺遗擾扰騷骚詐诈騙骗謊谎虛虚贗赝廣广稱称誇夸隱隐洩泄親亲鄰邻陽阳陰阴濃浓燼烬災灾蟲虫蟻蚁蒼苍蠅蝇細细敗败麵面餅饼餃饺雞鸡鴨鸭魚鱼蝦虾豬猪嗆呛嚨咙嚥咽暈晕殘残針针紮扎釘钉庫库倉仓揀拣擬拟飾饰縮缩鈕钮環环銷销鋪铺館馆舖铺聞闻闆板趕赶遠远隻只齊齐雙双較较廢废準准繼继續续總总團团購购贈赠獎奖劵券簡简驟骤懶懒賴赖墊垫蓆席牀床鑰钥鎖锁簾帘廚厨衛卫廁厕淨净潔洁漬渍噁恶絲丝綢绸皺皱鏈链釦扣輪轮軸轴剎刹騎骑墜坠屆届雜杂誌志語语詞词辭辞貓猫養养獸兽廳厅預预饋馈結结銀银轉转匯汇虧亏賺赚貸贷債债託托領领査查舉举營营妝妆緻致纖纤維维鑽钻錘锤鋸锯鉤钩欄栏樓楼傾倾夾夹捲卷絞绞劑剂塗涂潰溃瘍疡鎔熔彈弹竄窜燄焰霧雾噴喷濺溅灑洒溼湿鏽锈銹锈蝕蚀餿馊" +
        "裡里裏里衝冲沖冲嘗尝鬱郁麪面們们彙汇進进綠绿際际盜盗竊窃噸吨顆颗濾滤擋挡帶带黃黄藍蓝襯衬涼凉凍冻鮮鲜臘腊撥拨註注冊册頁页筆笔攝摄紋纹脫脱滲渗齒齿軌轨艙舱龍龙飛飞顧顾專专詢询溝沟禮礼";

    private static readonly FrozenDictionary<char, char> ToSimplified = BuildTable();

    private static readonly FrozenSet<char> SimplifiedOnly = ToSimplified.Values.ToFrozenSet();

    /// <summary>The language tag of text: <c>en</c> without Chinese, else <c>zh-TW</c> when traditional-only
    /// characters outnumber simplified-only ones, else <c>zh-CN</c>.</summary>
    public static string LanguageOf(string text)
    {
        int traditional = 0, simplified = 0;
        var chinese = false;
        foreach (var c in text)
        {
            if (!TextFolding.IsCjkIdeograph(c))
            {
                continue;
            }

            chinese = true;
            if (ToSimplified.ContainsKey(c))
            {
                traditional++;
            }
            else if (SimplifiedOnly.Contains(c))
            {
                simplified++;
            }
        }

        return !chinese ? Languages.English : traditional > simplified ? Languages.TraditionalChinese : Languages.SimplifiedChinese;
    }

    public static char Fold(char c) => ToSimplified.TryGetValue(c, out var simplified) ? simplified : c;

    private static FrozenDictionary<char, char> BuildTable()
    {
        var table = new Dictionary<char, char>();
        foreach (var pairs in (ReadOnlySpan<string>)[OpenCcPairs, Pairs])
        {
            for (var i = 0; i + 1 < pairs.Length; i += 2)
            {
                if (pairs[i] != pairs[i + 1])
                {
                    table.TryAdd(pairs[i], pairs[i + 1]);
                }
            }
        }

        return table.ToFrozenDictionary();
    }
}

/// <summary>The language tags of classification reasons.</summary>
public static class Languages
{
    public const string English = "en";
    public const string SimplifiedChinese = "zh-CN";
    public const string TraditionalChinese = "zh-TW";
}

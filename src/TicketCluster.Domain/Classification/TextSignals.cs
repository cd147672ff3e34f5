using System.Globalization;
using System.Text.RegularExpressions;

namespace TicketCluster.Domain.Classification;

/// <summary>
/// Numbers read from a complaint's folded text (see <see cref="KeywordMatcher.Fold"/>): the money amounts
/// it states (¥3000, 两万多, HK$6,000, 3.5k dollars) and how many times the customer says they have
/// complained (第四次, 反映了三次, fourth time, called 5 times).
/// </summary>
internal static partial class TextSignals
{
    private static readonly Dictionary<string, string> CurrencyWords = new(StringComparer.Ordinal)
    {
        ["¥"] = "CNY", ["￥"] = "CNY", ["rmb"] = "CNY", ["cny"] = "CNY", ["人民币"] = "CNY", ["块"] = "CNY",
        ["块钱"] = "CNY", ["yuan"] = "CNY", ["hk$"] = "HKD", ["hkd"] = "HKD", ["港币"] = "HKD", ["港元"] = "HKD",
        ["港纸"] = "HKD", ["蚊"] = "HKD", ["nt$"] = "TWD", ["twd"] = "TWD", ["台币"] = "TWD", ["新台币"] = "TWD",
        ["us$"] = "USD", ["usd"] = "USD", ["美元"] = "USD", ["美金"] = "USD", ["dollars"] = "USD", ["bucks"] = "USD",
        ["£"] = "GBP", ["gbp"] = "GBP", ["pounds"] = "GBP", ["€"] = "EUR", ["eur"] = "EUR", ["euros"] = "EUR",
    };

    private static readonly Dictionary<string, int> EnglishCounts = new(StringComparer.Ordinal)
    {
        ["third"] = 3, ["fourth"] = 4, ["fifth"] = 5, ["sixth"] = 6, ["seventh"] = 7, ["eighth"] = 8, ["ninth"] = 9,
        ["tenth"] = 10, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8,
        ["nine"] = 9, ["ten"] = 10, ["several"] = 3, ["multiple"] = 3, ["many"] = 3, ["numerous"] = 3,
        ["countless"] = 3, ["twice"] = 2, ["second"] = 2,
    };

    /// <summary>
    /// The money amounts stated in the text, with their currency: an explicit currency word or sign, else
    /// <c>$</c> and 元 read as the currency of the text's language (USD for English, TWD for Taiwan
    /// wording, HKD for Hong Kong wording, CNY for simplified Chinese).
    /// </summary>
    public static IEnumerable<Money> Amounts(string folded, string language, bool hongKong)
    {
        string Plain(string sign) => sign switch
        {
            "$" => language == Languages.English ? "USD" : hongKong ? "HKD" : language == Languages.TraditionalChinese ? "TWD" : "USD",
            _ => language == Languages.TraditionalChinese ? (hongKong ? "HKD" : "TWD") : "CNY",
        };

        foreach (Match m in PrefixedAmount().Matches(folded))
        {
            if (Number(m.Groups["n"].Value, m.Groups["u"].Value) is { } amount)
            {
                var sign = m.Groups["c"].Value;
                yield return new Money(amount, CurrencyWords.TryGetValue(sign, out var c) ? c : Plain(sign));
            }
        }

        foreach (Match m in BareAmount().Matches(folded))
        {
            if (Number(m.Groups["n"].Value, m.Groups["u"].Value) is { } amount)
            {
                yield return new Money(amount, Plain(""));
            }
        }

        // Chinese complaints state prices as bare numbers (6999 买的, 扣了 2699): a 3–6 digit number that is
        // not part of a code, a date, a count or a measure is read as money.
        if (language != Languages.English)
        {
            foreach (Match m in BareChinesePrice().Matches(folded))
            {
                yield return new Money(decimal.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture), Plain(""));
            }
        }

        foreach (Match m in MoneyVerbAmount().Matches(folded))
        {
            if (Number(m.Groups["n"].Value, m.Groups["u"].Value) is { } amount)
            {
                yield return new Money(amount, Plain(""));
            }
        }

        foreach (Match m in SuffixedAmount().Matches(folded))
        {
            if (Number(m.Groups["n"].Value, m.Groups["u"].Value) is { } amount)
            {
                var word = m.Groups["c"].Value.Trim();
                yield return new Money(amount, CurrencyWords.TryGetValue(word, out var c) ? c : Plain(word));
            }
        }
    }

    /// <summary>The highest complaint count the text states (第四次 → 4, "third time" → 3, 多次 → 3), or 0.</summary>
    public static int StatedRepeatCount(string folded)
    {
        var best = 0;
        foreach (Match m in ChineseOrdinal().Matches(folded))
        {
            best = Math.Max(best, (int)(Number(m.Groups["n"].Value, "") ?? 0));
        }

        foreach (Match m in ChineseTimes().Matches(folded))
        {
            var n = m.Groups["n"].Value;
            best = Math.Max(best, n is "好几" or "几" ? 3 : (int)(Number(n, "") ?? 0));
        }

        foreach (Match m in EnglishOrdinal().Matches(folded))
        {
            var n = m.Groups["n"].Value;
            best = Math.Max(best, EnglishCounts.TryGetValue(n, out var c) ? c : int.TryParse(n.TrimEnd('s', 't', 'n', 'd', 'r', 'h'), out var d) ? d : 0);
        }

        foreach (Match m in EnglishTimes().Matches(folded))
        {
            var n = m.Groups["n"].Value;
            best = Math.Max(best, EnglishCounts.TryGetValue(n, out var c) ? c : int.TryParse(n, out var d) ? d : 0);
        }

        foreach (Match m in EnglishContacts().Matches(folded))
        {
            var n = m.Groups["n"].Value;
            best = Math.Max(best, EnglishCounts.TryGetValue(n, out var c) ? c : int.TryParse(n, out var d) ? d : 0);
        }

        if (ManyTimes().IsMatch(folded))
        {
            best = Math.Max(best, 3);
        }

        return best;
    }

    /// <summary>Hong Kong wording (Cantonese particles, 港, 蚊): 元 and $ mean HKD.</summary>
    public static bool IsHongKong(string folded) => HongKongWords().IsMatch(folded);

    /// <summary>Arabic (3,000 / 1.5) or Chinese (三千五, 两万) numerals, times a unit (k, 千, 万).</summary>
    private static decimal? Number(string digits, string unit)
    {
        decimal value;
        var plain = digits.Replace(",", "", StringComparison.Ordinal);
        if (decimal.TryParse(plain, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed))
        {
            value = parsed;
        }
        else if (ChineseNumber(digits) is { } chinese)
        {
            value = chinese;
        }
        else
        {
            return null;
        }

        return unit switch
        {
            "k" or "千" => value * 1000,
            "万" => value * 10000,
            _ => value,
        };
    }

    private static decimal? ChineseNumber(string text)
    {
        decimal total = 0, section = 0, digit = 0;
        var lastUnit = 1m;
        foreach (var c in text)
        {
            var d = "零一二三四五六七八九".IndexOf(c, StringComparison.Ordinal);
            if (c == '两')
            {
                d = 2;
            }

            if (d >= 0)
            {
                digit = d;
                continue;
            }

            var unit = c switch { '十' => 10m, '百' => 100m, '千' => 1000m, '万' => 10000m, _ => 0m };
            if (unit == 0)
            {
                return null;
            }

            if (unit == 10000m)
            {
                total += (section + digit) * unit;
                section = 0;
            }
            else
            {
                section += (digit == 0 && unit == 10m ? 1 : digit) * unit;
            }

            lastUnit = unit;
            digit = 0;
        }

        // 一万二 is 12000, 三千五 is 3500: a trailing digit counts in the next smaller unit.
        var tail = digit * (lastUnit >= 10 ? lastUnit / 10 : 1);
        var value = total + section + tail;
        return value > 0 ? value : null;
    }

    [GeneratedRegex(@"(?<c>hk\$|nt\$|us\$|\$|¥|￥|rmb|cny|hkd|usd|twd|£|€|eur|gbp) ?(?<n>\d[\d,]*(?:\.\d+)?) ?(?<u>k|千|万)?", RegexOptions.CultureInvariant)]
    private static partial Regex PrefixedAmount();

    [GeneratedRegex(@"(?<n>\d[\d,]*(?:\.\d+)?|[零一二两三四五六七八九十百千万]+) ?(?<u>k|千|万)?多? ?(?<c>块钱|块|元|人民币|rmb|yuan|港币|港元|港纸|蚊|新台币|台币|美元|美金|dollars|bucks|usd|hkd|twd|pounds|gbp|euros|eur)", RegexOptions.CultureInvariant)]
    private static partial Regex SuffixedAmount();

    [GeneratedRegex(@"(?<![\d$¥£€.,])(?<n>\d+(?:\.\d+)?|[一两二三四五六七八九十]+) ?(?<u>k|千|万)(?![a-z])", RegexOptions.CultureInvariant)]
    private static partial Regex BareAmount();

    [GeneratedRegex(@"(?:花了|价值|买的|买了|售价|标价|付了|付款|扣了|多扣了?|多收了?|降了|差价|损失了?|paid|spent|cost me|costs|worth|charged) ?(?<n>\d{3,7}(?:\.\d+)?)(?!\d) ?(?<u>k|千|万)?", RegexOptions.CultureInvariant)]
    private static partial Regex MoneyVerbAmount();

    [GeneratedRegex(@"(?<![\da-z.\-/#:+]|\d )(?<n>\d{3,6})(?![\d.,:/\-]| \d| ?(?:年|月|日|号|点|分|秒|天|周|次|个|件|台|只|双|条|瓶|盒|包|张|小时|款|版|型|系列|楼|室|号楼|寸|英寸|毫米|厘米|米|斤|公斤|克|升|毫升|度|瓦|伏|km|kg|mm|cm|ml|mah|w|v|g|l|p|hz|%|ｍ|x|k|千|万|元|块|rmb|港|蚊))", RegexOptions.CultureInvariant)]
    private static partial Regex BareChinesePrice();

    [GeneratedRegex(@"第(?<n>\d+|[二两三四五六七八九十]+)次(?=了|投诉|反映|反馈|联系|找|来|打|申请|催|报|提|说|问|换|修|送|寄|退|发|跟|向|给|,|，|。|!|！|\s)", RegexOptions.CultureInvariant)]
    private static partial Regex ChineseOrdinal();

    [GeneratedRegex(@"(?:投诉|反映|反馈|联系|打电话|打了|找了|找过|催了|催过|申请|提交|报修|来电|沟通|问了|问过|说了|讲了|寄回|返修|维修|换了|修了)[^,，。!?]{0,4}?(?<n>\d+|[三四五六七八九十]+|好几|几)次", RegexOptions.CultureInvariant)]
    private static partial Regex ChineseTimes();

    [GeneratedRegex(@"\b(?<n>third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\b (?:time|attempt|request|complaint|email|call|message|replacement|repair|visit)", RegexOptions.CultureInvariant)]
    private static partial Regex EnglishOrdinal();

    [GeneratedRegex(@"\b(?:called|contacted|complained|reported|emailed|written|wrote|asked|chased|messaged|raised|returned|repaired|replaced|sent it back|promised|broken|cancelled|canceled)\b[a-z ,']{0,30}?\b(?<n>\d+|three|four|five|six|seven|eight|nine|ten|several|multiple|many|numerous|countless) times\b", RegexOptions.CultureInvariant)]
    private static partial Regex EnglishTimes();

    [GeneratedRegex(@"\b(?<n>\d+|three|four|five|six|seven|eight|nine|ten|several|multiple|numerous|countless) (?:broken |unanswered |separate |different )?(?:promises|calls|phone calls|emails|chats|tickets|complaints|messages|attempts|visits|repairs|replacements|call-back promises|callbacks)\b", RegexOptions.CultureInvariant)]
    private static partial Regex EnglishContacts();

    [GeneratedRegex(@"多次|好几次|无数次|屡次|一再|三番五次|反复投诉|反复联系|again and again|over and over|repeatedly|time and again|time after time", RegexOptions.CultureInvariant)]
    private static partial Regex ManyTimes();

    [GeneratedRegex(@"嘅|咗|唔|冇|喺|啲|佢|嘢|乜|咁|港|蚊|埋单|睇", RegexOptions.CultureInvariant)]
    private static partial Regex HongKongWords();
}

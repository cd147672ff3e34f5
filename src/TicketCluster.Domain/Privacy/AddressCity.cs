using System.Text.RegularExpressions;

namespace TicketCluster.Domain.Privacy;

/// <summary>
/// The city rule of <see cref="PersonalDataMasker.CityOnly"/>.
/// <para>
/// Chinese addresses (any CJK ideograph in the text) are read in their fixed big-to-small order:
/// an optional 中国 / 中國, then a municipality or special region (北京, 上海, 天津, 重庆, 香港, 澳门 — returned as
/// 北京市 … 香港), otherwise an optional province (…省, …自治区) followed by the first prefecture-level
/// unit (…市, …自治州, …地区, …盟). When the province is present but no city follows, the province is
/// returned: coarser is safe. Otherwise the result is empty.
/// </para>
/// <para>
/// Other addresses must be comma-separated, smallest part first (the English, French, German … order):
/// a trailing country name is dropped, postcode tokens (any token with a digit) are removed, a bare
/// region code (CA, NY, ON) moves to the part before it, and a part that looks like a street (holds
/// Street, St, Road, Rd, Avenue …) is rejected. Limits: an address without
/// commas, in big-to-small order (Japanese or Hungarian style), or whose last part is a district rather
/// than a city yields an empty string or the district; the country list is short (see
/// <see cref="Countries"/>).
/// </para>
/// </summary>
internal static partial class AddressCity
{
    private static readonly string[] Municipalities = ["北京", "上海", "天津", "重庆", "重慶"];

    private static readonly string[] SpecialRegions = ["香港", "澳门", "澳門"];

    private static readonly HashSet<string> Countries = new(StringComparer.OrdinalIgnoreCase)
    {
        "UK", "U.K.", "United Kingdom", "England", "Scotland", "Wales", "Great Britain", "GB",
        "USA", "U.S.A.", "US", "U.S.", "United States", "United States of America", "America",
        "Canada", "Australia", "New Zealand", "Ireland", "Germany", "Deutschland", "France", "Italy",
        "Spain", "Netherlands", "Belgium", "Switzerland", "Austria", "China", "PRC", "Hong Kong SAR",
        "Japan", "Korea", "South Korea", "Singapore", "Malaysia", "India",
    };

    private static readonly HashSet<string> StreetSuffixes = new(StringComparer.OrdinalIgnoreCase)
    {
        "Street", "St", "St.", "Road", "Rd", "Rd.", "Avenue", "Ave", "Ave.", "Lane", "Ln", "Drive", "Dr",
        "Boulevard", "Blvd", "Way", "Place", "Pl", "Court", "Ct", "Square", "Sq", "Terrace", "Close",
        "Crescent", "Highway", "Hwy", "Parkway", "Pkwy", "Strasse", "Straße", "Rue", "Flat", "Apt", "Suite",
    };

    public static string Extract(string address)
    {
        var folded = TextFolding.FoldWidth(address).Trim();
        if (folded.Length == 0)
        {
            return string.Empty;
        }

        return TextFolding.ContainsCjk(folded) ? ChineseCity(folded) : LatinCity(folded);
    }

    private static string ChineseCity(string address)
    {
        var rest = address.Replace(" ", string.Empty, StringComparison.Ordinal);
        foreach (var country in (string[])["中华人民共和国", "中華人民共和國", "中国", "中國"])
        {
            if (rest.StartsWith(country, StringComparison.Ordinal))
            {
                rest = rest[country.Length..];
                break;
            }
        }

        foreach (var municipality in Municipalities)
        {
            if (rest.StartsWith(municipality, StringComparison.Ordinal))
            {
                return municipality + "市";
            }
        }

        foreach (var region in SpecialRegions)
        {
            if (rest.StartsWith(region, StringComparison.Ordinal))
            {
                return region;
            }
        }

        var province = ProvincePattern().Match(rest);
        if (province.Success)
        {
            rest = rest[province.Length..];
        }

        var city = CityPattern().Match(rest);
        if (city.Success)
        {
            return city.Value;
        }

        return province.Success ? province.Value : string.Empty;
    }

    private static string LatinCity(string address)
    {
        var parts = address.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        if (parts.Count < 2)
        {
            return string.Empty;
        }

        if (Countries.Contains(parts[^1]))
        {
            parts.RemoveAt(parts.Count - 1);
        }

        // The first part is the street (or flat) line and is never taken as the city.
        for (var i = parts.Count - 1; i >= 1; i--)
        {
            var words = parts[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var kept = words.Where(w => !w.Any(char.IsAsciiDigit)).ToList();
            if (kept.Count == 0 || IsRegionCode(kept))
            {
                continue;
            }

            if (kept.Any(StreetSuffixes.Contains))
            {
                return string.Empty;
            }

            return string.Join(' ', kept);
        }

        return string.Empty;
    }

    private static bool IsRegionCode(List<string> words) =>
        words.Count == 1 && words[0].Length is 2 or 3 && words[0].All(char.IsAsciiLetterUpper);

    /// <summary>A province: a name of two to seven characters without smaller units, then 省 or 自治区.</summary>
    [GeneratedRegex("^[^省市区區县縣镇鎮乡鄉村路街道号號巷弄0-9]{2,7}?(省|自治区|自治區)")]
    private static partial Regex ProvincePattern();

    /// <summary>A prefecture-level city, autonomous prefecture, prefecture or league.</summary>
    [GeneratedRegex("^[^省市区區县縣镇鎮乡鄉村路街道号號巷弄0-9]{1,8}?(市|自治州|地区|地區|盟)")]
    private static partial Regex CityPattern();
}

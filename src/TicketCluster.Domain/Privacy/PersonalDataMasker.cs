using System.Text;

namespace TicketCluster.Domain.Privacy;

/// <summary>
/// Masks a customer's personal data before a merchant (or a log line, or an export) sees it
/// (DESIGN.md, step 5). Every method is total: any input yields a masked string, never the original
/// personal data, and never throws for odd input (only for <see langword="null"/>). The rules, with
/// examples, are in docs/classification.md.
/// </summary>
public static class PersonalDataMasker
{
    /// <summary>The character that replaces hidden characters.</summary>
    public const char MaskChar = '*';

    private const string HiddenEmailLocalPart = "***";

    /// <summary>
    /// Keeps the first character of every part of the name and replaces each other character with
    /// <see cref="MaskChar"/>: 张三 → 张*, 欧阳娜娜 → 欧***, Alice Smith → A**** S****. Parts are separated
    /// by white space, the middle dot of transliterated names (·), hyphens, apostrophes and periods, which
    /// are kept. A name of a single character is masked entirely.
    /// </summary>
    public static string MaskName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var folded = TextFolding.FoldWidth(name).Trim();
        var runeCount = folded.EnumerateRunes().Count(r => !IsNameSeparator(r));
        if (runeCount <= 1)
        {
            return new string(MaskChar, runeCount);
        }

        var builder = new StringBuilder(folded.Length);
        var atPartStart = true;
        foreach (var rune in folded.EnumerateRunes())
        {
            if (IsNameSeparator(rune))
            {
                builder.Append(Rune.IsWhiteSpace(rune) ? " " : rune.ToString());
                atPartStart = true;
            }
            else if (atPartStart)
            {
                builder.Append(rune.ToString());
                atPartStart = false;
            }
            else
            {
                builder.Append(MaskChar);
            }
        }

        return CollapseSpaces(builder.ToString());
    }

    /// <summary>
    /// Keeps a recognisable country prefix, the first three and the last four digits, and masks the
    /// middle: 13812341234 → 138****1234, +86 138-1234-1234 → +86 138****1234. At least four digits are
    /// always masked, so shorter numbers show fewer leading digits (12345678 → ****5678), and numbers of
    /// fewer than seven digits are masked entirely. Separators (spaces, dashes, dots, parentheses) are
    /// dropped. Text without digits yields <c>***</c>.
    /// </summary>
    public static string MaskPhone(string phone) => PhoneMasking.Mask(phone);

    /// <summary>
    /// Keeps the first character of the local part and the whole domain, and hides the rest of the local
    /// part behind three <see cref="MaskChar"/> whatever its length: alice@example.com → a***@example.com.
    /// A one-character local part is hidden entirely (a@example.com → ***@example.com); text without an
    /// <c>@</c> is not an e-mail address and yields <c>***</c>.
    /// </summary>
    public static string MaskEmail(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var folded = TextFolding.FoldWidth(email).Trim();
        var at = folded.LastIndexOf('@');
        if (at < 0)
        {
            return HiddenEmailLocalPart;
        }

        var local = folded[..at];
        var domain = folded[(at + 1)..];
        var shown = local.EnumerateRunes().Take(2).ToList();
        var maskedLocal = shown.Count >= 2 ? shown[0] + HiddenEmailLocalPart : HiddenEmailLocalPart;
        return $"{maskedLocal}@{domain}";
    }

    /// <summary>
    /// Reduces a postal address to its city: 广东省深圳市南山区科技园… → 深圳市, 北京市朝阳区… → 北京市,
    /// 12 Baker St, London NW1, UK → London. Returns an empty string when no city can be recognised, never
    /// a part of the street address. See <see cref="AddressCity"/> for the rules and their limits.
    /// </summary>
    public static string CityOnly(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return AddressCity.Extract(address);
    }

    private static bool IsNameSeparator(Rune rune) =>
        Rune.IsWhiteSpace(rune) || rune.Value is '·' or '•' or '・' or '-' or '\'' or '.' or '’';

    private static string CollapseSpaces(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c != ' ' || builder.Length == 0 || builder[^1] != ' ')
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}

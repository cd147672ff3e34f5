using System.Text.RegularExpressions;

namespace TicketCluster.Domain.Privacy;

/// <summary>
/// Hides personal data inside free text before a merchant reads it (a description, a note, a reason), as
/// <see cref="PersonalDataMasker"/> hides it in the structured fields: e-mail addresses (masked like the
/// e-mail field: a***@example.com), Chinese resident ID numbers (15 or 18 characters, hidden whole),
/// phone numbers (masked like the phone field: 138****1234; mainland mobiles, landlines with an area code
/// and a dash, and numbers with a <c>+</c> country code) and street addresses (a Chinese road, street or
/// lane with a house number, or a number followed by an English street name: hidden whole). Text that is
/// none of these (dates, amounts, order numbers, tracking numbers) is left as written.
/// </summary>
public static partial class FreeTextRedactor
{
    /// <summary>What stands for a street address that was removed.</summary>
    public const string AddressMark = "[address]";

    /// <summary>The text with every personal datum it recognises masked; the same text when there is none.</summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var redacted = Email().Replace(text, m => PersonalDataMasker.MaskEmail(m.Value));
        redacted = ChineseId().Replace(redacted, m => new string(PersonalDataMasker.MaskChar, m.Value.Length));
        redacted = Phone().Replace(redacted, m => PersonalDataMasker.MaskPhone(m.Value));
        redacted = ChineseAddress().Replace(redacted, AddressMark);
        return EnglishAddress().Replace(redacted, AddressMark);
    }

    /// <summary><see cref="Redact(string)"/> of a text that may be absent.</summary>
    public static string? RedactOrNull(string? text) => text is null ? null : Redact(text);

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Email();

    // 18 characters: six of region, eight of birth date (19xx or 20xx), three of sequence, a check digit or
    // X; or the old 15-digit form. Not inside a longer run of digits.
    [GeneratedRegex(@"(?<![0-9A-Za-z])(\d{6}(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dXx]|\d{15})(?![0-9A-Za-z])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ChineseId();

    // A +country number; a mainland mobile (1[3-9] and nine digits, in groups or not); a landline with an
    // area code and a dash (010-12345678, 0571-8888 0000).
    [GeneratedRegex(@"\+\d{1,3}[\s-]?\d{2,4}(?:[\s-]?\d{3,4}){1,3}(?!\d)|(?<![\dA-Za-z])1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)|(?<![\dA-Za-z])0\d{2,3}-\d{3,4}[\s-]?\d{4}(?!\d)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Phone();

    // A road, street, avenue, lane or alley with a house number (文三路 100 号, 长安街1号3栋402室), with
    // the place names written before it on the same run of Chinese text.
    [GeneratedRegex(@"[\u4e00-\u9fff]{0,20}(?:路|街|大道|巷|弄|胡同)\s*\d+\s*[号號](?:\s*\d+\s*(?:栋|幢|号楼|楼|单元|室))*", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ChineseAddress();

    // A house number and one to four capitalised words ending in a street word (1 Chang'an Avenue).
    [GeneratedRegex(@"(?<!\d)\d{1,5}[A-Za-z]?\s+(?:[A-Z][\w'’-]*\s+){1,4}(?:Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Boulevard|Blvd|Drive|Dr|Way|Place|Pl)\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex EnglishAddress();
}

using System.Text;

namespace TicketCluster.Domain.Privacy;

/// <summary>The phone rule of <see cref="PersonalDataMasker.MaskPhone"/>.</summary>
internal static class PhoneMasking
{
    private const int MinimumMasked = 4;
    private const int MaximumLeading = 3;
    private const int Trailing = 4;
    private const int ShortestPartlyShown = 7;
    private const string NoNumber = "***";

    public static string Mask(string phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var folded = TextFolding.FoldWidth(phone).Trim();
        var (prefix, national) = SplitCountryPrefix(folded);
        var digits = Digits(national);
        if (digits.Length == 0)
        {
            return NoNumber;
        }

        var masked = MaskDigits(digits);
        return prefix.Length == 0 ? masked : $"{prefix} {masked}";
    }

    /// <summary>
    /// Separates an international prefix the reader can still recognise: <c>+86</c> / <c>0086</c> (and a
    /// bare <c>86</c> in front of an 11-digit mobile number) become <c>+86</c>; any other <c>+</c> or
    /// <c>00</c> prefix followed by a separator is kept as the country code (+44 20 7946 0958 → +44 …).
    /// Without a separator the code cannot be told from the number, so the whole string is masked as one.
    /// </summary>
    private static (string Prefix, string National) SplitCountryPrefix(string text)
    {
        var digits = Digits(text);
        var international = text.StartsWith('+') || text.StartsWith("00", StringComparison.Ordinal);
        var withoutPlus = text.TrimStart('+');
        if (international && digits.StartsWith("0086", StringComparison.Ordinal))
        {
            return ("+86", digits[4..]);
        }

        if (international && digits.StartsWith("86", StringComparison.Ordinal) && text.StartsWith('+'))
        {
            return ("+86", digits[2..]);
        }

        if (!international && digits.Length == 13 && digits.StartsWith("861", StringComparison.Ordinal))
        {
            return ("+86", digits[2..]);
        }

        if (international)
        {
            var codeEnd = withoutPlus.IndexOfAny([' ', '-', '(', '.']);
            var code = codeEnd > 0 ? Digits(withoutPlus[..codeEnd]) : string.Empty;
            if (text.StartsWith("00", StringComparison.Ordinal))
            {
                code = code.Length > 2 ? code[2..] : string.Empty;
            }

            if (code.Length is >= 1 and <= 3 && codeEnd > 0)
            {
                return ("+" + code, withoutPlus[codeEnd..]);
            }
        }

        return (string.Empty, text);
    }

    private static string MaskDigits(string digits)
    {
        var n = digits.Length;
        if (n < ShortestPartlyShown)
        {
            return new string(PersonalDataMasker.MaskChar, n);
        }

        var trailing = Math.Min(Trailing, n - MinimumMasked);
        var leading = Math.Clamp(n - trailing - MinimumMasked, 0, MaximumLeading);
        var hidden = n - leading - trailing;
        return string.Concat(digits.AsSpan(0, leading), new string(PersonalDataMasker.MaskChar, hidden), digits.AsSpan(n - trailing));
    }

    private static string Digits(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}

using FsCheck;
using FsCheck.Xunit;
using TicketCluster.Domain.Privacy;

namespace TicketCluster.Domain.Tests.Privacy;

public sealed class PersonalDataMaskerProperties
{
    [Property]
    public bool MaskPhone_AnyDigits_ShowsOnlyOriginalPrefixAndSuffixAndHidesAtLeastFour(NonEmptyArray<byte> bytes)
    {
        var digits = string.Concat(bytes.Get.Select(b => (char)('0' + (b % 10))));
        var masked = PersonalDataMasker.MaskPhone(digits);

        // 0086… is +86 written with the international call prefix: the number is what follows it, and 0086
        // alone leaves no number to show.
        if (digits.StartsWith("0086", StringComparison.Ordinal))
        {
            return digits.Length == 4
                ? masked == "***"
                : masked.StartsWith("+86 ", StringComparison.Ordinal) && ShowsOnlyPrefixAndSuffix(masked[4..], digits[4..]);
        }

        var prefixed = masked.StartsWith("+86 ", StringComparison.Ordinal);
        return ShowsOnlyPrefixAndSuffix(prefixed ? masked[4..] : masked, prefixed ? digits[2..] : digits);
    }

    /// <summary>Digits after 0086, which random digits above begin with about once in ten thousand.</summary>
    [Property]
    public bool MaskPhone_AfterTheInternationalPrefix0086_ShowsPlus86AndOnlyPrefixAndSuffix(byte[] bytes) =>
        MaskPhone_AnyDigits_ShowsOnlyOriginalPrefixAndSuffixAndHidesAtLeastFour(NonEmptyArray<byte>.NewNonEmptyArray([0, 0, 8, 6, .. bytes]));

    [Property]
    public bool MaskName_AnyText_ShowsAtMostOneCharacterPerPart(NonNull<string> name)
    {
        var masked = PersonalDataMasker.MaskName(name.Get);
        var parts = masked.Split([' ', '·', '•', '・', '-', '\'', '.', '’'], StringSplitOptions.RemoveEmptyEntries);
        return parts.All(p => p.Length == 0 || p[(char.IsHighSurrogate(p[0]) ? 2 : 1)..].All(c => c == PersonalDataMasker.MaskChar) || p == "*");
    }

    [Property]
    public bool MaskEmail_AnyLocalPart_HidesItBehindThreeStars(NonEmptyString local)
    {
        var address = local.Get.Replace("@", "x", StringComparison.Ordinal) + "@example.com";
        var masked = PersonalDataMasker.MaskEmail(address);
        return masked.EndsWith("***@example.com", StringComparison.Ordinal) && masked.Length <= "x***@example.com".Length + 1;
    }

    /// <summary>The masked national number <paramref name="body"/> keeps <paramref name="national"/>'s digits
    /// where it shows any, and hides at least four of them (all of a number shorter than seven).</summary>
    private static bool ShowsOnlyPrefixAndSuffix(string body, string national)
    {
        var stars = body.Count(c => c == PersonalDataMasker.MaskChar);
        var shownMatch = body.Length == national.Length
            && body.Select((c, i) => c == PersonalDataMasker.MaskChar || c == national[i]).All(x => x);
        return shownMatch && (national.Length < 7 ? stars == national.Length : stars >= 4);
    }
}

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
        var national = masked.StartsWith("+86 ", StringComparison.Ordinal) ? digits[2..] : digits;
        var body = masked.StartsWith("+86 ", StringComparison.Ordinal) ? masked[4..] : masked;

        var stars = body.Count(c => c == PersonalDataMasker.MaskChar);
        var shownMatch = body.Length == national.Length
            && body.Select((c, i) => c == PersonalDataMasker.MaskChar || c == national[i]).All(x => x);
        return shownMatch && (national.Length < 7 ? stars == national.Length : stars >= 4);
    }

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
}

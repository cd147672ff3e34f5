using System.Text;

namespace TicketCluster.Domain.Privacy;

/// <summary>
/// Cheap normalization shared by masking and classification: full-width ASCII forms (U+FF01–U+FF5E) and
/// the ideographic space fold to their half-width equivalents. Full Unicode normalization is not used
/// because the project runs with invariant globalization; the full-width block is what Chinese input
/// methods actually produce (１３８, ＠, ＋８６).
/// </summary>
internal static class TextFolding
{
    private const char FullWidthFirst = '\uFF01';
    private const char FullWidthLast = '\uFF5E';
    private const int FullWidthOffset = 0xFEE0;
    private const char IdeographicSpace = '\u3000';

    public static string FoldWidth(string text)
    {
        if (!NeedsFolding(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(FoldWidth(c));
        }

        return builder.ToString();
    }

    public static char FoldWidth(char c) => c switch
    {
        >= FullWidthFirst and <= FullWidthLast => (char)(c - FullWidthOffset),
        IdeographicSpace => ' ',
        _ => c,
    };

    /// <summary>True for the CJK ideographs (unified, extension A and compatibility blocks).</summary>
    public static bool IsCjkIdeograph(char c) =>
        c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF';

    public static bool ContainsCjk(string text)
    {
        foreach (var c in text)
        {
            if (IsCjkIdeograph(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool NeedsFolding(string text)
    {
        foreach (var c in text)
        {
            if (c is >= FullWidthFirst and <= FullWidthLast or IdeographicSpace)
            {
                return true;
            }
        }

        return false;
    }
}

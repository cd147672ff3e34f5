using System.Text;
using TicketCluster.Domain.Privacy;

namespace TicketCluster.Domain.Classification;

/// <summary>
/// A compiled keyword list. Keywords are folded the same way as the text (half-width, lower case,
/// single spaces); a keyword with a CJK ideograph matches anywhere, any other keyword matches whole
/// words only, or word starts when it ends in <c>*</c>.
/// </summary>
internal sealed class KeywordMatcher
{
    private readonly Keyword[] _keywords;

    public KeywordMatcher(IEnumerable<string> keywords)
    {
        _keywords = keywords
            .Where(k => !string.IsNullOrWhiteSpace(k))
            .Distinct(StringComparer.Ordinal)
            .Select(Keyword.Compile)
            .Where(k => k.Text.Length > 0)
            .ToArray();
    }

    /// <summary>The configured keywords found in <paramref name="foldedText"/> (see <see cref="Fold"/>), in configuration order.</summary>
    public IReadOnlyList<string> Find(string foldedText)
    {
        List<string>? found = null;
        foreach (var keyword in _keywords)
        {
            if (keyword.IsIn(foldedText))
            {
                (found ??= []).Add(keyword.Configured);
            }
        }

        return found ?? (IReadOnlyList<string>)[];
    }

    /// <summary>Folds text for matching: half-width, lower case, typographic apostrophes, single spaces.</summary>
    public static string Fold(string text)
    {
        var folded = TextFolding.FoldWidth(text).ToLowerInvariant();
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            var d = c is '\u2019' or '\u2018' ? '\'' : char.IsWhiteSpace(c) ? ' ' : c;
            if (d != ' ' || (builder.Length > 0 && builder[^1] != ' '))
            {
                builder.Append(d);
            }
        }

        return builder.ToString().TrimEnd();
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) && !TextFolding.IsCjkIdeograph(c);

    private sealed record Keyword(string Configured, string Text, bool Anywhere, bool Stem)
    {
        public static Keyword Compile(string configured)
        {
            var trimmed = configured.Trim();
            var stem = trimmed.EndsWith('*');
            var text = Fold(stem ? trimmed[..^1] : trimmed);
            return new Keyword(configured, text, TextFolding.ContainsCjk(text), stem);
        }

        public bool IsIn(string text)
        {
            var start = 0;
            while (true)
            {
                var at = text.IndexOf(Text, start, StringComparison.Ordinal);
                if (at < 0)
                {
                    return false;
                }

                if (Anywhere || IsWholeWord(text, at))
                {
                    return true;
                }

                start = at + 1;
            }
        }

        private bool IsWholeWord(string text, int at)
        {
            var end = at + Text.Length;
            var startsWord = at == 0 || !IsWordChar(text[at - 1]) || !IsWordChar(Text[0]);
            var endsWord = Stem || end == text.Length || !IsWordChar(text[end]) || !IsWordChar(Text[^1]);
            return startsWord && endsWord;
        }
    }
}

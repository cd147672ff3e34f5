using System.Text;
using TicketCluster.Domain.Privacy;

namespace TicketCluster.Domain.Classification;

/// <summary>
/// A compiled keyword list. Keywords are folded the same way as the text (half-width, lower case,
/// traditional Chinese to simplified, single spaces). A keyword with a CJK ideograph matches anywhere; any
/// other keyword matches whole words only, or word starts when it ends in <c>*</c>. A keyword written
/// <c>a…b</c> (or <c>a...b</c>) matches <c>a</c> followed by <c>b</c> within the same sentence and at most
/// <see cref="MaxGap"/> characters later: a clue in two parts (序列号…查不到, serial…not found).
/// </summary>
internal sealed class KeywordMatcher
{
    /// <summary>The most characters between the parts of an <c>a…b</c> keyword.</summary>
    public const int MaxGap = 24;

    private readonly Keyword[] _keywords;

    public KeywordMatcher(IEnumerable<string> keywords)
    {
        _keywords = keywords
            .Where(k => !string.IsNullOrWhiteSpace(k))
            .Distinct(StringComparer.Ordinal)
            .Select(Keyword.Compile)
            .Where(k => k.Parts.All(p => p.Length > 0))
            .ToArray();
    }

    public bool IsEmpty => _keywords.Length == 0;

    /// <summary>The configured keywords found in <paramref name="foldedText"/> (see <see cref="Fold"/>), in configuration order.</summary>
    public IReadOnlyList<string> Find(string foldedText) => Find(foldedText, static (_, _) => true);

    /// <summary>
    /// The configured keywords with at least one occurrence in <paramref name="foldedText"/> that
    /// <paramref name="accept"/> (start, end) takes, in configuration order.
    /// </summary>
    public IReadOnlyList<string> Find(string foldedText, Func<int, int, bool> accept) => Find(foldedText, accept, null);

    /// <summary>
    /// As <see cref="Find(string, Func{int, int, bool})"/>, and adds to <paramref name="refused"/> the keywords
    /// that occur only where <paramref name="accept"/> refuses them (negated signals), in one pass.
    /// </summary>
    public IReadOnlyList<string> Find(string foldedText, Func<int, int, bool> accept, List<string>? refused)
    {
        List<string>? found = null;
        foreach (var keyword in _keywords)
        {
            if (keyword.IsIn(foldedText, accept, out var seen))
            {
                (found ??= []).Add(keyword.Configured);
            }
            else if (seen)
            {
                refused?.Add(keyword.Configured);
            }
        }

        return found ?? (IReadOnlyList<string>)[];
    }

    /// <summary>Every occurrence (start, end) of every keyword; for masking phrases out of the text.</summary>
    public IEnumerable<(int Start, int End)> Occurrences(string foldedText)
    {
        var spans = new List<(int, int)>();
        foreach (var keyword in _keywords)
        {
            keyword.IsIn(foldedText, (start, end) =>
            {
                spans.Add((start, end));
                return false;
            }, out _);
        }

        return spans;
    }

    /// <summary>
    /// Folds text for matching: half-width, lower case, traditional Chinese to simplified, typographic
    /// apostrophes, single spaces.
    /// </summary>
    public static string Fold(string text)
    {
        var folded = TextFolding.FoldWidth(text).ToLowerInvariant();
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            var d = c is '\u2019' or '\u2018' ? '\'' : char.IsWhiteSpace(c) ? ' ' : ChineseScript.Fold(c);
            if (d != ' ' || (builder.Length > 0 && builder[^1] != ' '))
            {
                builder.Append(d);
            }
        }

        return builder.ToString().TrimEnd();
    }

    public static bool IsWordChar(char c) => char.IsLetterOrDigit(c) && !TextFolding.IsCjkIdeograph(c);

    /// <summary>Ends a sentence: an <c>a…b</c> keyword does not reach across it.</summary>
    public static bool EndsSentence(char c) => c is '。' or '!' or '?' or '\n' or ';' or '.';

    private sealed record Keyword(string Configured, string[] Parts, bool Anywhere, bool Stem)
    {
        public static Keyword Compile(string configured)
        {
            var trimmed = configured.Trim();
            var stem = trimmed.EndsWith('*');
            var body = stem ? trimmed[..^1] : trimmed;
            var parts = body.Replace("...", "…", StringComparison.Ordinal)
                .Split('…', StringSplitOptions.TrimEntries)
                .Select(Fold)
                .ToArray();
            return new Keyword(configured, parts, TextFolding.ContainsCjk(body), stem);
        }

        /// <summary>Whether an occurrence that <paramref name="accept"/> takes is in <paramref name="text"/>;
        /// <paramref name="seen"/> tells whether any occurrence was found at all.</summary>
        public bool IsIn(string text, Func<int, int, bool> accept, out bool seen)
        {
            seen = false;
            var start = 0;
            while (true)
            {
                var at = text.IndexOf(Parts[0], start, StringComparison.Ordinal);
                if (at < 0)
                {
                    return false;
                }

                if ((Anywhere || IsWholeWord(text, at, Parts[0], Parts.Length == 1 && Stem))
                    && EndOfRest(text, at + Parts[0].Length) is { } end)
                {
                    seen = true;
                    if (accept(at, end))
                    {
                        return true;
                    }
                }

                start = at + 1;
            }
        }

        /// <summary>Where the remaining parts end, each found after the previous one within the sentence.</summary>
        private int? EndOfRest(string text, int from)
        {
            for (var i = 1; i < Parts.Length; i++)
            {
                var part = Parts[i];
                var limit = Math.Min(text.Length, from + MaxGap + part.Length);
                var found = -1;
                for (var at = text.IndexOf(part, from, limit - from, StringComparison.Ordinal);
                     at >= 0;
                     at = at + 1 < limit ? text.IndexOf(part, at + 1, limit - at - 1, StringComparison.Ordinal) : -1)
                {
                    if (Anywhere || IsWholeWord(text, at, part, i == Parts.Length - 1 && Stem))
                    {
                        found = at;
                        break;
                    }
                }

                if (found < 0 || CrossesSentence(text, from, found))
                {
                    return null;
                }

                from = found + part.Length;
            }

            return from;
        }

        private static bool CrossesSentence(string text, int from, int to)
        {
            for (var i = from; i < to; i++)
            {
                if (EndsSentence(text[i]))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsWholeWord(string text, int at, string part, bool stem)
        {
            var end = at + part.Length;
            var startsWord = at == 0 || !IsWordChar(text[at - 1]) || !IsWordChar(part[0]);
            var endsWord = stem || end == text.Length || !IsWordChar(text[end]) || !IsWordChar(part[^1]);
            return startsWord && endsWord;
        }
    }
}

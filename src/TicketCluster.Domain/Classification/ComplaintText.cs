using TicketCluster.Domain.Privacy;

namespace TicketCluster.Domain.Classification;

/// <summary>
/// A complaint's text prepared once for every rule: folded (<see cref="KeywordMatcher.Fold"/>), with the
/// not-signal phrases masked out, its language, and the negation scopes.
/// </summary>
internal sealed class ComplaintText
{
    /// <summary>How many characters before a Chinese signal a negation reaches (没有人受伤: 2).</summary>
    public const int ChineseNegationReach = 6;

    /// <summary>How many words before a Latin signal a negation reaches (no one was hurt: 3).</summary>
    public const int EnglishNegationReach = 3;

    private const char Mask = '_';

    private readonly string _negationText;
    private readonly KeywordMatcher _negations;

    public ComplaintText(string description, KeywordMatcher notSignals, KeywordMatcher negations, KeywordMatcher notNegations)
    {
        Language = ChineseScript.LanguageOf(description);
        Folded = Masked(KeywordMatcher.Fold(description), notSignals);
        _negationText = Masked(Folded, notNegations);
        _negations = negations;
    }

    /// <summary>The folded text with the not-signal phrases masked.</summary>
    public string Folded { get; }

    /// <summary>The text's language tag (<see cref="Languages"/>).</summary>
    public string Language { get; }

    /// <summary>The language of a matched keyword: Latin words are English, Chinese words take the text's script.</summary>
    public string LanguageOf(string keyword) =>
        !TextFolding.ContainsCjk(keyword) ? Languages.English
        : Language == Languages.English ? Languages.SimplifiedChinese
        : Language;

    /// <summary>Whether the signal at [start, end) stands free of negation: no negation shortly before it in
    /// the same clause.</summary>
    public bool IsAffirmed(int start, int end)
    {
        _ = end;
        var clause = ClauseStart(start);
        int from;
        if (TextFolding.IsCjkIdeograph(Folded[start]))
        {
            from = Math.Max(clause, start - ChineseNegationReach);
        }
        else
        {
            // "doesn't get hot or smoke": a negation reaches across "or" / "nor" into the next item of the list.
            from = start;
            var reach = EnglishNegationReach;
            for (var words = 0; from > clause && words <= reach;)
            {
                from--;
                if (Folded[from] == ' ')
                {
                    words++;
                    if (IsListJoin(from))
                    {
                        reach = words + EnglishNegationReach;
                    }
                }
            }
        }

        return from >= start || _negations.Find(_negationText[from..start]).Count == 0;
    }

    /// <summary>Whether the word ending at the space <paramref name="space"/> is "or" or "nor".</summary>
    private bool IsListJoin(int space) =>
        space >= 3 && Folded[space - 2] == 'o' && Folded[space - 1] == 'r' && (Folded[space - 3] == ' ' || (Folded[space - 3] == 'n' && (space < 4 || Folded[space - 4] == ' ')));

    /// <summary>Where the clause holding <paramref name="at"/> starts: after punctuation or a contrast word (但, but).</summary>
    private int ClauseStart(int at)
    {
        for (var i = at - 1; i >= 0; i--)
        {
            var c = Folded[i];
            if (c is ',' or '，' or '、' or ':' or ';' or '.' or '!' or '?' or '。' or '\n' or '(' or ')' or '"' or '但' or '却')
            {
                return i + 1;
            }

            if (c == ' ' && i >= 4 && Folded.AsSpan(i - 4, 4).SequenceEqual(" but"))
            {
                return i + 1;
            }
        }

        return 0;
    }

    private static string Masked(string text, KeywordMatcher phrases)
    {
        if (phrases.IsEmpty)
        {
            return text;
        }

        char[]? chars = null;
        foreach (var (start, end) in phrases.Occurrences(text))
        {
            chars ??= text.ToCharArray();
            for (var i = start; i < end; i++)
            {
                chars[i] = chars[i] == ' ' ? ' ' : Mask;
            }
        }

        return chars is null ? text : new string(chars);
    }
}

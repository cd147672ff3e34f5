using System.Globalization;
using System.Text.Json;

namespace TicketCluster.WebConsole.Text;

/// <summary>
/// The console's words in one language: one dictionary per language (<see cref="English"/>,
/// <see cref="SimplifiedChinese"/>), the same keys in each (a test keeps them in step). Enumeration values
/// are looked up as <c>TypeName.kebab-value</c> and shown as the API names them when a language has no
/// word for one.
/// </summary>
public sealed class ConsoleText
{
    public const string EnglishCode = "en";
    public const string ChineseCode = "zh-Hans";

    /// <summary>The cookie that keeps the viewer's language.</summary>
    public const string LanguageCookie = "tc-lang";

    public static readonly IReadOnlyList<string> Languages = [EnglishCode, ChineseCode];

    private static readonly ConsoleText EnglishText = new(EnglishCode, English.Words);
    private static readonly ConsoleText ChineseText = new(ChineseCode, SimplifiedChinese.Words);

    private readonly IReadOnlyDictionary<string, string> _words;

    private ConsoleText(string language, IReadOnlyDictionary<string, string> words)
    {
        Language = language;
        _words = words;
    }

    /// <summary>The language code (<c>en</c>, <c>zh-Hans</c>), also the page's <c>lang</c>.</summary>
    public string Language { get; }

    public string this[string key] => _words.TryGetValue(key, out var word) ? word : key;

    /// <summary>The words of <paramref name="language"/>; English for anything else.</summary>
    public static ConsoleText For(string? language) => language == ChineseCode ? ChineseText : EnglishText;

    public static bool IsKnown(string? language) => language is not null && Languages.Contains(language);

    public string Format(string key, params object?[] values) => string.Format(CultureInfo.InvariantCulture, this[key], values);

    /// <summary>An enumeration value of the API (<paramref name="value"/> as the API writes it) in this language.</summary>
    public string Of(string type, string? value) =>
        value is null ? "" : _words.TryGetValue(type + "." + value, out var word) ? word : value;

    public string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => Of(typeof(TEnum).Name, ApiName(value));

    /// <summary>The API's kebab-case name of an enumeration value.</summary>
    public static string ApiName<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}

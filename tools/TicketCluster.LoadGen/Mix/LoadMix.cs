using TicketCluster.Domain;

namespace TicketCluster.LoadGen.Mix;

/// <summary>
/// What a sale day sends: the shares of channels, categories and intended severities, and how often a
/// customer complains again (a new order) or writes the same complaint on another channel (a duplicate the
/// silo should merge). Defaults are a peak-season day: mostly app and web, mostly logistics and quality.
/// </summary>
public sealed record LoadMix(
    IReadOnlyList<KeyValuePair<string, double>> Channels,
    IReadOnlyList<KeyValuePair<string, double>> Categories,
    IReadOnlyList<KeyValuePair<string, double>> Severities,
    double RepeatShare,
    double DuplicateShare,
    double ChineseShare)
{
    public const string DefaultChannels = "app=35,web-form=20,hotline=10,chat=15,email=5,social-media=5,review-monitoring=3,store=2,marketplace-api=5";
    public const string DefaultCategories = "logistics=35,product-quality=30,return-policy=12,price=6,service-attitude=6,invoice=3,installation-usage=4,counterfeit=2,other=2";
    public const string DefaultSeverities = "normal=80,serious=15,urgent=5";

    public static IReadOnlyList<string> ChannelNames { get; } = Names<Channel>();

    public static IReadOnlyList<string> CategoryNames { get; } = Names<TicketCategory>();

    public static IReadOnlyList<string> SeverityNames { get; } = Names<Severity>();

    public static LoadMix Default { get; } = Parse(DefaultChannels, DefaultCategories, DefaultSeverities, 0.10, 0.05, 0.6);

    public static LoadMix Parse(string channels, string categories, string severities, double repeatShare, double duplicateShare, double chineseShare)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(repeatShare);
        ArgumentOutOfRangeException.ThrowIfNegative(duplicateShare);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(repeatShare + duplicateShare, 1.0);
        ArgumentOutOfRangeException.ThrowIfNegative(chineseShare);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(chineseShare, 1.0);
        return new LoadMix(
            MixSpec.Parse(channels, ChannelNames),
            MixSpec.Parse(categories, CategoryNames),
            MixSpec.Parse(severities, SeverityNames),
            repeatShare,
            duplicateShare,
            chineseShare);
    }

    /// <summary>The kebab-case name of an enumeration value, as the API writes it.</summary>
    public static string NameOf<T>(T value)
        where T : struct, Enum => Kebab(value.ToString());

    /// <summary>The enumeration value of a kebab-case name.</summary>
    public static T ValueOf<T>(string name)
        where T : struct, Enum => Enum.Parse<T>(name.Replace("-", "", StringComparison.Ordinal), ignoreCase: true);

    private static string[] Names<T>()
        where T : struct, Enum => [.. Enum.GetValues<T>().Select(v => NameOf(v))];

    private static string Kebab(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));
}

namespace TicketCluster.Domain.Parties;

/// <summary>
/// How much history the customer and merchant models keep, and how often their grains trim it
/// (<see cref="CustomerProfile.TrimIfDue"/>, <see cref="MerchantScorecard.TrimIfDue"/>). Defaults: 400 days
/// of history, trimmed at most once a day.
/// </summary>
public sealed record PartyRetention
{
    /// <summary>The longest window a rule reads from the kept history: return abuse, 90 days
    /// (<see cref="ReturnAbusePolicy.Window"/>); the repeat-complaint and recent-strike windows are 30 days.
    /// <see cref="History"/> may not be shorter.</summary>
    public static readonly TimeSpan LongestRuleWindow = TimeSpan.FromDays(90);

    public static PartyRetention Default { get; } = new();

    /// <summary>Closed complaints, returns, inspections and strikes older than this are forgotten. Default 400 days.</summary>
    public TimeSpan History { get; init; } = TimeSpan.FromDays(400);

    /// <summary>A grain trims when it applies facts and its last trim is at least this old. Default 1 day.</summary>
    public TimeSpan TrimInterval { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Configuration errors, each prefixed with <paramref name="prefix"/>. <paramref name="repeatWindow"/> is
    /// the configured repeat-complaint window, when it may be longer than <see cref="LongestRuleWindow"/>.</summary>
    public IReadOnlyList<string> Validate(string prefix, TimeSpan? repeatWindow = null)
    {
        var errors = new List<string>();
        var longest = repeatWindow is { } repeat && repeat > LongestRuleWindow ? repeat : LongestRuleWindow;
        if (History < longest)
        {
            errors.Add($"{prefix}:{nameof(History)} must be at least {longest.TotalDays} days, the longest rule window; it is {History}.");
        }

        if (TrimInterval <= TimeSpan.Zero || TrimInterval > History)
        {
            errors.Add($"{prefix}:{nameof(TrimInterval)} must be positive and at most {nameof(History)}; it is {TrimInterval}.");
        }

        return errors;
    }

    /// <summary>Whether a model last trimmed at <paramref name="trimmedAt"/> (never, when null) is due to trim at <paramref name="now"/>.</summary>
    public bool IsTrimDue(DateTimeOffset? trimmedAt, DateTimeOffset now) => trimmedAt is not { } last || now - last >= TrimInterval;
}

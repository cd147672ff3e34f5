namespace TicketCluster.Storage;

/// <summary>
/// How <see cref="TicketQueryRow.ClocksMet"/> and <see cref="TicketQueryRow.ClocksBreached"/> spell a
/// set of clock kinds: their kebab-case names joined by commas (<c>first-response,resolution</c>), the
/// empty string for none. Short text, readable in a SQL console, and the same in both databases.
/// </summary>
public static class ClockNames
{
    public const char Separator = ',';

    public static string Join(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return string.Join(Separator, names);
    }

    public static IReadOnlyList<string> Split(string names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return names.Length == 0 ? [] : names.Split(Separator);
    }
}

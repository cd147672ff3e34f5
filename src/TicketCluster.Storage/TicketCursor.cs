using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace TicketCluster.Storage;

/// <summary>
/// The position after the last row of a page: the sort key of that row. Keyset pagination: the next
/// page starts strictly after this key, so a walk over rows that do not change meanwhile returns each
/// row once, however many rows are inserted, updated or deleted elsewhere during the walk.
/// </summary>
/// <param name="At">The row's next deadline (<see cref="TicketSort.Deadline"/>; null when it had none)
/// or creation time (<see cref="TicketSort.Created"/>), as the storage returned it.</param>
public readonly record struct TicketCursor(TicketSort Sort, DateTimeOffset? At, string TicketId)
{
    private const string Version = "1";
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The cursor after <paramref name="row"/> in <paramref name="sort"/> order.</summary>
    public static TicketCursor After(TicketQueryRow row, TicketSort sort)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new TicketCursor(sort, sort == TicketSort.Deadline ? row.NextDeadline : row.CreatedAt, row.TicketId);
    }

    /// <summary>The opaque text form: base64url of <c>1|sort|utc ticks|ticket id</c>. Not a secret and
    /// not signed: a cursor only says where to continue, and the caller's filters decide what it may
    /// see.</summary>
    public string Encode()
    {
        var at = At is { } value ? value.UtcTicks.ToString(CultureInfo.InvariantCulture) : "";
        return Base64Url.EncodeToString(StrictUtf8.GetBytes($"{Version}|{SortCode(Sort)}|{at}|{TicketId}"));
    }

    /// <exception cref="InvalidCursorException">The text is not a cursor of <paramref name="sort"/>.</exception>
    public static TicketCursor Decode(string text, TicketSort sort)
    {
        ArgumentNullException.ThrowIfNull(text);
        string plain;
        try
        {
            plain = StrictUtf8.GetString(Base64Url.DecodeFromChars(text));
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            throw new InvalidCursorException("The cursor is not valid.", e);
        }

        var parts = plain.Split('|', 4);
        if (parts.Length != 4 || parts[0] != Version || parts[3].Length == 0)
        {
            throw new InvalidCursorException("The cursor is not valid.");
        }

        if (parts[1] != SortCode(sort))
        {
            throw new InvalidCursorException("The cursor belongs to another sort order.");
        }

        DateTimeOffset? at = null;
        if (parts[2].Length > 0)
        {
            if (!long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) || ticks > DateTimeOffset.MaxValue.UtcTicks)
            {
                throw new InvalidCursorException("The cursor is not valid.");
            }

            at = new DateTimeOffset(ticks, TimeSpan.Zero);
        }
        else if (sort == TicketSort.Created)
        {
            throw new InvalidCursorException("The cursor is not valid.");
        }

        return new TicketCursor(sort, at, parts[3]);
    }

    private static string SortCode(TicketSort sort) => sort switch
    {
        TicketSort.Deadline => "d",
        TicketSort.Created => "c",
        _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, null),
    };
}

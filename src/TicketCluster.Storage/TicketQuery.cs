namespace TicketCluster.Storage;

/// <summary>The order of a ticket list.</summary>
public enum TicketSort
{
    /// <summary>Most urgent first: next deadline ascending, tickets with no running deadline last,
    /// then ticket id (ordinal).</summary>
    Deadline,

    /// <summary>Newest first: created time descending, then ticket id descending (ordinal).</summary>
    Created,
}

/// <summary>
/// A page request over the ticket query table (work queues). Every filter that is set must hold (they
/// are AND-ed); a null filter does not restrict. Values are compared exactly (enumerations in their
/// kebab-case names, as stored).
/// </summary>
public sealed record TicketQuery
{
    public const int DefaultLimit = 50;

    public const int MaxLimit = 200;

    public string? Status { get; init; }

    public string? Severity { get; init; }

    public string? Category { get; init; }

    public string? Channel { get; init; }

    public string? MerchantId { get; init; }

    public string? CustomerId { get; init; }

    public string? Assignee { get; init; }

    /// <summary>How the ticket ended (kebab-case, as the row stores it); tickets that have not ended never match.</summary>
    public string? Outcome { get; init; }

    /// <summary>True: escalated (level above 0); false: not escalated; null: either.</summary>
    public bool? Escalated { get; init; }

    /// <summary>Only tickets whose next deadline is before this time (tickets with no running deadline
    /// never match).</summary>
    public DateTimeOffset? DueBefore { get; init; }

    public TicketSort Sort { get; init; } = TicketSort.Deadline;

    /// <summary>Rows per page, 1 to <see cref="MaxLimit"/>.</summary>
    public int Limit { get; init; } = DefaultLimit;

    /// <summary>The <see cref="TicketPage.NextCursor"/> of the previous page, or null for the first.
    /// Opaque to callers; a cursor that was not produced for this sort raises
    /// <see cref="InvalidCursorException"/>.</summary>
    public string? Cursor { get; init; }

    /// <summary>Checks the limit and decodes the cursor (null on the first page).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The limit is outside 1 to <see cref="MaxLimit"/>.</exception>
    /// <exception cref="InvalidCursorException">The cursor is not one this sort produced.</exception>
    public TicketCursor? Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Limit, 1, nameof(Limit));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Limit, MaxLimit, nameof(Limit));
        if (!Enum.IsDefined(Sort))
        {
            throw new ArgumentOutOfRangeException(nameof(Sort), Sort, "Unknown sort.");
        }

        return Cursor is null ? null : TicketCursor.Decode(Cursor, Sort);
    }
}

/// <summary>One page of a ticket list and the cursor of the next page (null on the last page).</summary>
public sealed record TicketPage(IReadOnlyList<TicketQueryRow> Rows, string? NextCursor)
{
    /// <summary>Cuts a fetch of up to <c>Limit + 1</c> rows in the query's order into a page: the extra
    /// row only says that another page follows, and the cursor points after the last row kept.</summary>
    public static TicketPage FromFetched(List<TicketQueryRow> fetched, TicketQuery query)
    {
        ArgumentNullException.ThrowIfNull(fetched);
        ArgumentNullException.ThrowIfNull(query);
        if (fetched.Count <= query.Limit)
        {
            return new TicketPage(fetched, null);
        }

        fetched.RemoveRange(query.Limit, fetched.Count - query.Limit);
        return new TicketPage(fetched, TicketCursor.After(fetched[^1], query.Sort).Encode());
    }
}

/// <summary>A ticket list cursor that is malformed, tampered with, or was made for another sort. The
/// HTTP API answers it with 400.</summary>
public sealed class InvalidCursorException : Exception
{
    public InvalidCursorException()
        : this("The cursor is not valid.")
    {
    }

    public InvalidCursorException(string message)
        : base(message)
    {
    }

    public InvalidCursorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Http;
using TicketCluster.Domain;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Tickets;
using TicketCluster.Silo.Api.Contracts;
using TicketCluster.Storage;

namespace TicketCluster.Silo.Api;

/// <summary>The query parameters an endpoint reads itself (from <see cref="HttpRequest.Query"/>), as
/// endpoint metadata: the OpenAPI document lists them, and tests fuzz them.</summary>
public sealed record AcceptedQuery(IReadOnlyList<string> Names);

/// <summary>
/// Reads the query strings of the list and report endpoints. Every problem is collected under the name of
/// its parameter, so one 400 lists them all; an unknown or repeated parameter is a problem too (a typo
/// such as <c>merchant_id</c> must not silently widen a list).
/// </summary>
public static class QueryParameters
{
    public static readonly IReadOnlyList<string> ListParameters =
        ["status", "severity", "category", "channel", "merchantId", "customerId", "assignee", "escalated", "outcome", "dueBefore", "sort", "limit", "cursor"];

    public static readonly IReadOnlyList<string> ReportParameters = ["from", "to"];

    /// <summary>The earliest time a report may name: the report also reads a repeat window before
    /// <c>from</c>, which must not fall off the calendar.</summary>
    public static readonly DateTimeOffset EarliestReportTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The latest time a report may name.</summary>
    public static readonly DateTimeOffset LatestReportTime = new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The list query; the cursor is checked by the storage (<see cref="InvalidCursorException"/>).</summary>
    public static TicketQuery ParseList(IQueryCollection query, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(errors);
        CheckNames(query, ListParameters, errors);
        var sort = Single(query, "sort", errors) switch
        {
            null or "deadline" => TicketSort.Deadline,
            "created" => TicketSort.Created,
            _ => Error(errors, "sort", "must be deadline or created", TicketSort.Deadline),
        };
        var limit = TicketQuery.DefaultLimit;
        if (Single(query, "limit", errors) is { } limitText
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > TicketQuery.MaxLimit))
        {
            errors["limit"] = [$"must be a whole number from 1 to {TicketQuery.MaxLimit}"];
        }

        bool? escalated = Single(query, "escalated", errors) switch
        {
            null => null,
            "true" => true,
            "false" => false,
            _ => Error<bool?>(errors, "escalated", "must be true or false", null),
        };

        return new TicketQuery
        {
            Status = Enumeration<TicketStatus>(query, "status", errors),
            Severity = Enumeration<Severity>(query, "severity", errors),
            Category = Enumeration<TicketCategory>(query, "category", errors),
            Channel = Enumeration<Channel>(query, "channel", errors),
            MerchantId = Id(query, "merchantId", errors),
            CustomerId = Id(query, "customerId", errors),
            Assignee = Id(query, "assignee", errors),
            Escalated = escalated,
            Outcome = Enumeration<FinalOutcome>(query, "outcome", errors),
            DueBefore = Time(query, "dueBefore", errors, required: false),
            Sort = sort,
            Limit = limit is >= 1 and <= TicketQuery.MaxLimit ? limit : TicketQuery.DefaultLimit,
            Cursor = Single(query, "cursor", errors),
        };
    }

    public static (DateTimeOffset From, DateTimeOffset To) ParseReport(IQueryCollection query, TimeSpan maxRange, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(errors);
        CheckNames(query, ReportParameters, errors);
        var from = Within(Time(query, "from", errors, required: true), "from", errors);
        var to = Within(Time(query, "to", errors, required: true), "to", errors);
        if (from is { } f && to is { } t)
        {
            if (t <= f)
            {
                errors["to"] = ["must be after from"];
            }
            else if (t - f > maxRange)
            {
                errors["to"] = [$"must be at most {maxRange.TotalDays:0} days after from"];
            }
        }

        return (from ?? default, to ?? default);
    }

    private static DateTimeOffset? Within(DateTimeOffset? time, string name, Dictionary<string, string[]> errors) =>
        time is not { } t || (t >= EarliestReportTime && t <= LatestReportTime)
            ? time
            : Error<DateTimeOffset?>(errors, name, $"must lie between {EarliestReportTime:yyyy-MM-dd'T'HH:mm:ss'Z'} and {LatestReportTime:yyyy-MM-dd'T'HH:mm:ss'Z'}", null);

    private static void CheckNames(IQueryCollection query, IReadOnlyList<string> known, Dictionary<string, string[]> errors)
    {
        foreach (var name in query.Keys.Where(k => !known.Contains(k, StringComparer.Ordinal)))
        {
            errors[name] = [$"is not a parameter here; the parameters are {string.Join(", ", known)}"];
        }
    }

    private static string? Single(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        if (!query.TryGetValue(name, out var values))
        {
            return null;
        }

        if (values.Count != 1)
        {
            errors[name] = ["must be given at most once"];
            return null;
        }

        return values[0];
    }

    private static string? Enumeration<TEnum>(IQueryCollection query, string name, Dictionary<string, string[]> errors)
        where TEnum : struct, Enum
    {
        if (Single(query, name, errors) is not { } value)
        {
            return null;
        }

        var names = Enum.GetValues<TEnum>().Select(TicketQueryRows.Kebab).ToList();
        return names.Contains(value, StringComparer.Ordinal) ? value : Error<string?>(errors, name, "must be one of " + string.Join(", ", names), null);
    }

    private static string? Id(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        var value = Single(query, name, errors);
        return value is null || FieldRules.IsId(value)
            ? value
            : Error<string?>(errors, name, $"must be 1 to {FieldRules.MaxIdLength} printable characters", null);
    }

    private static DateTimeOffset? Time(IQueryCollection query, string name, Dictionary<string, string[]> errors, bool required)
    {
        var value = Single(query, name, errors);
        if (value is null)
        {
            return required && !errors.ContainsKey(name) ? Error<DateTimeOffset?>(errors, name, "is required", null) : null;
        }

        // An explicit offset is required: a time without one would be read in some zone the caller did not choose.
        var hasOffset = value.EndsWith('Z') || value.EndsWith('z') || (value.Length > 6 && value[^6] is '+' or '-' && value[^3] == ':');
        return hasOffset && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time.ToUniversalTime()
            : Error<DateTimeOffset?>(errors, name, "must be an ISO-8601 time with an offset, e.g. 2026-11-23T09:30:00Z", null);
    }

    private static T Error<T>(Dictionary<string, string[]> errors, string name, string message, T fallback)
    {
        errors[name] = [message];
        return fallback;
    }
}

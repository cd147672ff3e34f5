using TicketCluster.Domain;
using TicketCluster.Domain.Tickets;
using TicketCluster.Silo.Configuration;

namespace TicketCluster.Silo.Api.Contracts;

// The rules for values other than text: money, times, windows and counts.
public sealed partial class FieldRules
{
    /// <summary>An ISO 4217 currency code this node knows.</summary>
    public bool Currency(string? code, string field, bool required)
    {
        if (!Present(code, field, required))
        {
            return false;
        }

        if (!Currencies.IsKnown(code!))
        {
            Add(field, $"'{(code!.Length <= 16 ? code : code[..16] + "…")}' is not an ISO 4217 currency code (upper case, e.g. CNY)");
            return false;
        }

        return true;
    }

    /// <summary>A non-negative amount of at most <see cref="MaxAmount"/>, with no more decimals than
    /// <paramref name="currency"/> has (not checked when the currency is unknown: that is its own error).</summary>
    public bool Amount(decimal? value, string field, string? currency, bool required)
    {
        if (!Present(value, field, required) || value is not { } amount)
        {
            return false;
        }

        if (AmountProblem(amount, currency) is { } problem)
        {
            Add(field, problem);
            return false;
        }

        return true;
    }

    /// <summary>A domain amount with its currency, as commands carry it: the currency must be known and the
    /// amount must fit it.</summary>
    public bool Money(Money? value, string field, bool required)
    {
        if (!Present(value, field, required) || value is not { } money)
        {
            return false;
        }

        return Currency(money.Currency, field + ".currency", required: true) && Amount(money.Amount, field + ".amount", money.Currency, required: true);
    }

    /// <summary>What is wrong with <paramref name="amount"/> in <paramref name="currency"/>, or null.</summary>
    public static string? AmountProblem(decimal amount, string? currency)
    {
        if (amount < 0)
        {
            return "must not be negative";
        }

        if (amount > MaxAmount)
        {
            return $"must be at most {MaxAmount:0}";
        }

        if (currency is not null && Currencies.IsKnown(currency))
        {
            var digits = Currencies.MinorDigits(currency);
            if (decimal.Round(amount, digits) != amount)
            {
                return $"must have at most {digits} decimal places in {currency}";
            }
        }

        return null;
    }

    /// <summary>A time that has happened: not later than <paramref name="now"/> plus <see cref="MaxClockSkew"/>.</summary>
    public bool PastTime(DateTimeOffset? value, string field, DateTimeOffset now, bool required)
    {
        if (!Present(value, field, required) || value is not { } time)
        {
            return false;
        }

        if (time > now + MaxClockSkew)
        {
            Add(field, "must not lie in the future");
            return false;
        }

        return true;
    }

    /// <summary>One of <see cref="CustomerLanguages.Supported"/>, spelled as there.</summary>
    public bool Language(string? value, string field)
    {
        if (value is null)
        {
            return false;
        }

        if (!CustomerLanguages.IsSupported(value))
        {
            Add(field, "must be one of " + string.Join(", ", CustomerLanguages.Supported));
            return false;
        }

        return true;
    }

    /// <summary>An IANA time zone id the node's time zone database knows (<c>Asia/Shanghai</c>,
    /// <c>Europe/Berlin</c>); Windows ids and offsets are refused.</summary>
    public bool TimeZone(string? value, string field)
    {
        if (value is null)
        {
            return false;
        }

        if (value.Length is 0 or > MaxIdLength || value.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))
            || !TimeZoneInfo.TryFindSystemTimeZoneById(value, out var zone) || !zone.HasIanaId)
        {
            Add(field, "must be an IANA time zone id such as Asia/Shanghai");
            return false;
        }

        return true;
    }

    /// <summary>A positive window of at most <see cref="MaxWindow"/>.</summary>
    public bool Window(TimeSpan? value, string field, bool required)
    {
        if (!Present(value, field, required) || value is not { } window)
        {
            return false;
        }

        if (window <= TimeSpan.Zero || window > MaxWindow)
        {
            Add(field, $"must be positive and at most {MaxWindow.TotalDays:0} days");
            return false;
        }

        return true;
    }

    /// <summary>A whole number within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public bool Count(int? value, string field, int min, int max, bool required)
    {
        if (!Present(value, field, required) || value is not { } count)
        {
            return false;
        }

        if (count < min || count > max)
        {
            Add(field, $"must lie between {min} and {max}");
            return false;
        }

        return true;
    }
}

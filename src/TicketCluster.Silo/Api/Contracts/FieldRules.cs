using System.Collections.Immutable;
using System.Text.RegularExpressions;
using TicketCluster.Domain.Tickets;

namespace TicketCluster.Silo.Api.Contracts;

/// <summary>
/// The one rule per field shape (an id, a name, a message, a note, a URL, an evidence list, money, a
/// tracking number, a time...), used by <see cref="IntakeValidator"/> and <see cref="CommandValidator"/>
/// alike, so a field of the same shape has the same bound wherever it arrives. An instance collects every
/// problem by field path, so one 400 names all of them; each check returns whether the value is usable.
/// </summary>
public sealed partial class FieldRules
{
    public const int MaxIdLength = 64;
    public const int MaxNameLength = 200;
    public const int MaxAddressLength = 500;

    /// <summary>Long free text: a description, a message, a statement, findings, a result.</summary>
    public const int MaxTextLength = 8_000;

    /// <summary>Short free text: a note, a reason, a question, a comment.</summary>
    public const int MaxNoteLength = 2_000;
    public const int MaxUrlLength = 2_048;
    public const int MaxEmailLength = 254;
    public const int MaxTrackingNumberLength = 64;

    /// <summary>Evidence items one intake or command may carry.</summary>
    public const int MaxEvidence = 20;
    public const int MaxItems = 100;
    public const int MaxQuantity = 10_000;
    public const decimal MaxAmount = 1_000_000_000_000m;

    /// <summary>The longest return window a command may name.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(90);

    /// <summary>How far past the node's clock a purchase or delivery time may lie (clocks of other systems
    /// drift, and a time zone mistake is a day at most).</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromDays(1);

    private readonly Dictionary<string, List<string>> _byField = new(StringComparer.Ordinal);

    public bool Any => _byField.Count > 0;

    /// <summary>True when <paramref name="value"/> is a usable id: 1 to <see cref="MaxIdLength"/> characters,
    /// not blank, none of them a control character (such an id could be stored but never named in a
    /// path again). Path and query ids are checked with it too.</summary>
    public static bool IsId(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= MaxIdLength && !value.Any(char.IsControl);

    public void Add(string field, string message)
    {
        if (!_byField.TryGetValue(field, out var messages))
        {
            _byField[field] = messages = [];
        }

        messages.Add(message);
    }

    public T? Required<T>(T? value, string field)
        where T : class
    {
        if (value is null)
        {
            Add(field, "is required");
        }

        return value;
    }

    public T? Required<T>(T? value, string field)
        where T : struct
    {
        if (value is null)
        {
            Add(field, "is required");
        }

        return value;
    }

    /// <summary>An identifier (a customer, order, merchant, SKU, agent id, a reference).</summary>
    public bool Id(string? value, string field, bool required)
    {
        if (!Present(value, field, required))
        {
            return false;
        }

        if (!IsId(value))
        {
            Add(field, $"must be 1 to {MaxIdLength} characters without control characters");
            return false;
        }

        return true;
    }

    /// <summary>A name on one line (a person, a product, a carrier).</summary>
    public bool Name(string? value, string field, bool required) => Text(value, field, MaxNameLength, required, multiLine: false);

    /// <summary>A list of at most <paramref name="max"/> names (<see cref="Name"/>), each required.</summary>
    public void Names(ImmutableArray<string> values, string field, int max)
    {
        if (values.IsDefaultOrEmpty)
        {
            return;
        }

        if (values.Length > max)
        {
            Add(field, $"must list at most {max}");
            return;
        }

        for (var i = 0; i < values.Length; i++)
        {
            Name(values[i], $"{field}[{i}]", required: true);
        }
    }

    /// <summary>A postal address; line breaks are allowed.</summary>
    public bool Address(string? value, string field, bool required) => Text(value, field, MaxAddressLength, required);

    /// <summary>Long free text (<see cref="MaxTextLength"/>); line breaks and tabs are allowed.</summary>
    public bool Message(string? value, string field, bool required) => Text(value, field, MaxTextLength, required);

    /// <summary>Short free text (<see cref="MaxNoteLength"/>); line breaks and tabs are allowed.</summary>
    public bool Note(string? value, string field, bool required) => Text(value, field, MaxNoteLength, required);

    /// <summary>A carrier's tracking number: ASCII letters, digits, spaces and dashes.</summary>
    public bool TrackingNumber(string? value, string field, bool required)
    {
        if (!Present(value, field, required))
        {
            return false;
        }

        if (value!.Length > MaxTrackingNumberLength || !TrackingPattern().IsMatch(value))
        {
            Add(field, $"must be 1 to {MaxTrackingNumberLength} letters, digits, spaces or dashes");
            return false;
        }

        return true;
    }

    public bool Phone(string? value, string field)
    {
        if (value is not null && !PhonePattern().IsMatch(value))
        {
            Add(field, "must be a phone number: an optional +, then 6 to 15 digits, spaces or dashes between them");
            return false;
        }

        return true;
    }

    public bool Email(string? value, string field)
    {
        if (value is not null && (value.Length > MaxEmailLength || !EmailPattern().IsMatch(value)))
        {
            Add(field, "must be an e-mail address such as name@example.com");
            return false;
        }

        return true;
    }

    /// <summary>An absolute http(s) URL of at most <see cref="MaxUrlLength"/> characters.</summary>
    public bool Url(string? value, string field, bool required)
    {
        if (!Text(value, field, MaxUrlLength, required, multiLine: false))
        {
            return false;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            Add(field, "must be an absolute http(s) URL");
            return false;
        }

        return true;
    }

    /// <summary>A list of evidence references, at most <see cref="MaxEvidence"/>; returns the domain items
    /// (empty when absent). <paramref name="required"/> asks for at least one.</summary>
    public ImmutableArray<EvidenceItem> Evidence<TItem>(IReadOnlyList<TItem?>? items, string field, bool required, Func<TItem, EvidenceView> view)
        where TItem : class
    {
        ArgumentNullException.ThrowIfNull(view);
        if (items is null || items.Count == 0)
        {
            if (required)
            {
                Add(field, "must list at least one item");
            }

            return [];
        }

        if (items.Count > MaxEvidence)
        {
            Add(field, $"must list at most {MaxEvidence} items");
            return [];
        }

        var result = ImmutableArray.CreateBuilder<EvidenceItem>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"{field}[{i}]";
            if (Required(items[i], path) is not { } raw)
            {
                continue;
            }

            var item = view(raw);
            Required(item.Kind, path + ".kind");
            Url(item.Url, path + ".url", required: true);
            if (item.Sha256 is not { Length: 64 } hash || !hash.All(char.IsAsciiHexDigit))
            {
                Add(path + ".sha256", "must be 64 hexadecimal digits");
            }

            Note(item.Note, path + ".note", required: false);
            result.Add(new EvidenceItem(item.Kind ?? EvidenceKind.Other, item.Url ?? "", item.Sha256 ?? "", item.Note));
        }

        return result.ToImmutable();
    }

    public Dictionary<string, string[]> ToDictionary() => _byField.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>Free text: present when required, within <paramref name="maxLength"/>, and without control
    /// characters (line breaks and tabs only where <paramref name="multiLine"/>).</summary>
    private bool Text(string? value, string field, int maxLength, bool required, bool multiLine = true)
    {
        if (!Present(value, field, required))
        {
            return false;
        }

        if (value!.Length > maxLength)
        {
            Add(field, $"must be at most {maxLength} characters");
            return false;
        }

        if (value.Any(c => char.IsControl(c) && !(multiLine && c is '\n' or '\r' or '\t')))
        {
            Add(field, multiLine ? "must not contain control characters other than line breaks and tabs" : "must not contain control characters");
            return false;
        }

        return true;
    }

    /// <summary>False for an absent or blank value, which is an error when <paramref name="required"/>.</summary>
    private bool Present(string? value, string field, bool required)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        if (required)
        {
            Add(field, "must not be empty");
        }

        return false;
    }

    /// <summary>False for an absent value, which is an error when <paramref name="required"/>.</summary>
    private bool Present<T>(T? value, string field, bool required)
        where T : struct
    {
        if (value is not null)
        {
            return true;
        }

        if (required)
        {
            Add(field, "is required");
        }

        return false;
    }

    [GeneratedRegex(@"^[A-Za-z0-9](?:[A-Za-z0-9 \-]*[A-Za-z0-9])?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex TrackingPattern();

    [GeneratedRegex(@"^\+?[0-9](?:[ \-]?[0-9]){5,14}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[^@\s""<>]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex EmailPattern();
}

/// <summary>An evidence reference as either wire shape carries it (the intake's nullable body or the
/// domain item a command binds to), so one rule checks both.</summary>
public readonly record struct EvidenceView(EvidenceKind? Kind, string? Url, string? Sha256, string? Note);

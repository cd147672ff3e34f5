using System.Collections.Immutable;

namespace TicketCluster.Domain.Sla;

/// <summary>
/// The windows of every ticket clock. Defaults are DESIGN.md's: first response urgent 1 h, serious 4 h,
/// normal 24 h; resolution 24 h / 72 h / 7 d; merchant response 48 h; customer reply 72 h; customer
/// confirmation 72 h; return shipment 7 d; warehouse inspection 48 h; survey 24 h; automatic close 7 d.
/// </summary>
public sealed record SlaPolicy
{
    public TimeSpan FirstResponseUrgent { get; init; } = TimeSpan.FromHours(1);
    public TimeSpan FirstResponseSerious { get; init; } = TimeSpan.FromHours(4);
    public TimeSpan FirstResponseNormal { get; init; } = TimeSpan.FromHours(24);
    public TimeSpan ResolutionUrgent { get; init; } = TimeSpan.FromHours(24);
    public TimeSpan ResolutionSerious { get; init; } = TimeSpan.FromHours(72);
    public TimeSpan ResolutionNormal { get; init; } = TimeSpan.FromDays(7);
    public TimeSpan MerchantResponse { get; init; } = TimeSpan.FromHours(48);
    public TimeSpan CustomerReply { get; init; } = TimeSpan.FromHours(72);
    public TimeSpan CustomerConfirmation { get; init; } = TimeSpan.FromHours(72);

    /// <summary>Default return window when the authorization does not name one.</summary>
    public TimeSpan ReturnShipment { get; init; } = TimeSpan.FromDays(7);
    public TimeSpan WarehouseInspection { get; init; } = TimeSpan.FromHours(48);
    public TimeSpan Survey { get; init; } = TimeSpan.FromHours(24);
    public TimeSpan AutoClose { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How long the carrier has to trace a lost, late or damaged parcel.</summary>
    public TimeSpan CarrierTrace { get; init; } = TimeSpan.FromHours(72);

    /// <summary>How long the customer has to send the documents customs asks for.</summary>
    public TimeSpan CustomsDocuments { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How long the customer has to confirm a delivery address the carrier found wrong.</summary>
    public TimeSpan AddressConfirmation { get; init; } = TimeSpan.FromHours(48);

    /// <summary>How long staff have to call back a customer who answered the survey dissatisfied.</summary>
    public TimeSpan Callback { get; init; } = TimeSpan.FromHours(24);

    public static SlaPolicy Default { get; } = new();

    public TimeSpan WindowOf(ClockKind kind, Severity severity) => kind switch
    {
        ClockKind.FirstResponse => severity switch
        {
            Severity.Urgent => FirstResponseUrgent,
            Severity.Serious => FirstResponseSerious,
            _ => FirstResponseNormal,
        },
        ClockKind.Resolution => severity switch
        {
            Severity.Urgent => ResolutionUrgent,
            Severity.Serious => ResolutionSerious,
            _ => ResolutionNormal,
        },
        ClockKind.MerchantResponse => MerchantResponse,
        ClockKind.CustomerReply => CustomerReply,
        ClockKind.CustomerConfirmation => CustomerConfirmation,
        ClockKind.ReturnShipment => ReturnShipment,
        ClockKind.WarehouseInspection => WarehouseInspection,
        ClockKind.Survey => Survey,
        ClockKind.AutoClose => AutoClose,
        ClockKind.CarrierTrace => CarrierTrace,
        ClockKind.CustomsDocuments => CustomsDocuments,
        ClockKind.AddressConfirmation => AddressConfirmation,
        ClockKind.Callback => Callback,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    internal IEnumerable<TimeSpan> AllWindows() =>
    [
        FirstResponseUrgent, FirstResponseSerious, FirstResponseNormal, ResolutionUrgent, ResolutionSerious,
        ResolutionNormal, MerchantResponse, CustomerReply, CustomerConfirmation, ReturnShipment,
        WarehouseInspection, Survey, AutoClose, CarrierTrace, CustomsDocuments, AddressConfirmation, Callback,
    ];
}

/// <summary>
/// Everything the decider needs to know about configuration: clock windows, the escalation thresholds,
/// the approval thresholds, the reopening window, the per-ticket caps and the business calendars.
/// </summary>
public sealed record TicketPolicy
{
    public SlaPolicy Sla { get; init; } = SlaPolicy.Default;

    /// <summary>Warning at 80 % of a window, second escalation level at twice the window.</summary>
    public EscalationThresholds Escalation { get; init; } = EscalationThresholds.Default;

    /// <summary>
    /// Per ISO currency, the plan amount above which a supervisor must approve before the customer is
    /// asked to confirm. A money plan in a currency missing here always needs approval. Compensation
    /// always needs approval, whatever its amount.
    /// </summary>
    public ImmutableDictionary<string, decimal> ApprovalThresholds { get; init; } =
        ImmutableDictionary.CreateRange(StringComparer.Ordinal, [
            new KeyValuePair<string, decimal>("CNY", 1000m),
            new KeyValuePair<string, decimal>("USD", 150m),
            new KeyValuePair<string, decimal>("EUR", 150m),
        ]);

    /// <summary>Return and warranty rules per marketplace id (<see cref="Tickets.OrderInfo.Marketplace"/>);
    /// defaults <c>cn</c> (<see cref="ReturnPolicy.MainlandChina"/>) and <c>eu</c> (<see cref="ReturnPolicy.EuropeanUnion"/>).</summary>
    public ImmutableDictionary<string, ReturnPolicy> ReturnPolicies { get; init; } =
        ImmutableDictionary.CreateRange(StringComparer.Ordinal, [
            new KeyValuePair<string, ReturnPolicy>("cn", ReturnPolicy.MainlandChina),
            new KeyValuePair<string, ReturnPolicy>("eu", ReturnPolicy.EuropeanUnion),
        ]);

    /// <summary>The in-country return address per destination country (ISO 3166-1 alpha-2,
    /// <see cref="Tickets.OrderInfo.ShipToCountry"/>); default none.</summary>
    public ImmutableDictionary<string, Tickets.InCountryReturnAddress> ReturnAddresses { get; init; } =
        ImmutableDictionary.Create<string, Tickets.InCountryReturnAddress>(StringComparer.Ordinal);

    /// <summary>How long after resolution a dissatisfied customer may reopen the ticket (default 7 days).</summary>
    public TimeSpan ReopenWindow { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How much one ticket may hold (evidence, contacts, notes, estimated size); validated on its
    /// own (<see cref="Tickets.TicketLimits.Validate"/>) so the caller can name its configuration keys.</summary>
    public Tickets.TicketLimits Limits { get; init; } = Tickets.TicketLimits.Default;

    /// <summary>The business calendars clocks count on and how one is chosen; validated on its own
    /// (<see cref="CalendarPolicy.Validate"/>) so the caller can name its configuration keys. Default: none,
    /// every clock counts wall-clock time.</summary>
    public CalendarPolicy Calendars { get; init; } = CalendarPolicy.WallClockOnly;

    public static TicketPolicy Default { get; } = new();

    /// <summary>The configuration errors, empty when the policy is usable.</summary>
    public ImmutableArray<string> Validate()
    {
        var errors = ImmutableArray.CreateBuilder<string>();
        if (Sla.AllWindows().Any(w => w <= TimeSpan.Zero))
        {
            errors.Add($"Every {nameof(Sla)} window must be positive.");
        }

        if (Escalation.WarningFraction is <= 0 or >= 1)
        {
            errors.Add($"{nameof(Escalation)}.{nameof(EscalationThresholds.WarningFraction)} must lie strictly between 0 and 1.");
        }

        if (Escalation.SecondLevelFactor <= 1)
        {
            errors.Add($"{nameof(Escalation)}.{nameof(EscalationThresholds.SecondLevelFactor)} must be greater than 1.");
        }

        if (ApprovalThresholds.Values.Any(v => v < 0))
        {
            errors.Add($"{nameof(ApprovalThresholds)} must not be negative.");
        }

        if (ReopenWindow <= TimeSpan.Zero)
        {
            errors.Add($"{nameof(ReopenWindow)} must be positive.");
        }

        foreach (var (name, policy) in ReturnPolicies.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (string.IsNullOrWhiteSpace(name) || name.Length > 64 || name.Any(char.IsControl))
            {
                errors.Add($"{nameof(ReturnPolicies)} names a marketplace by 1 to 64 printable characters.");
            }

            errors.AddRange(policy.Validate(name));
        }

        foreach (var (country, address) in ReturnAddresses.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!Tickets.CountryCode.IsWellFormed(country))
            {
                errors.Add($"{nameof(ReturnAddresses)}:{country}: a destination country is an ISO 3166-1 alpha-2 code in upper case, e.g. DE.");
            }

            if (string.IsNullOrWhiteSpace(address.Address) || address.Address.Length > Tickets.InCountryReturnAddress.MaxLength)
            {
                errors.Add($"{nameof(ReturnAddresses)}:{country}:{nameof(address.Address)} must be 1 to {Tickets.InCountryReturnAddress.MaxLength} characters.");
            }

            if (address.Contact is { Length: > Tickets.InCountryReturnAddress.MaxLength })
            {
                errors.Add($"{nameof(ReturnAddresses)}:{country}:{nameof(address.Contact)} must be at most {Tickets.InCountryReturnAddress.MaxLength} characters.");
            }
        }

        return errors.ToImmutable();
    }

    /// <summary>Whether a plan needs a supervisor's approval before the customer is asked to confirm it.</summary>
    public bool RequiresApproval(bool isCompensation, Money? amount) =>
        isCompensation
        || (amount is { Amount: > 0 } money
            && (!ApprovalThresholds.TryGetValue(money.Currency, out var threshold) || money.Amount > threshold));
}

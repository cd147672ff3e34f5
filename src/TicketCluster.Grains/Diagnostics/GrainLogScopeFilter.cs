using Microsoft.Extensions.Logging;

namespace TicketCluster.Grains.Diagnostics;

/// <summary>
/// Opens a logging scope around every call into a ticket, customer or merchant grain: <c>Grain</c> (the grain
/// id) and <c>TicketId</c>, <c>CustomerId</c> or <c>MerchantId</c> (its key; a merchant part's merchant), so every line the call logs names
/// what it is about (docs/silo.md, "Logs"). Scopes live on the call's flow: they never leak onto another
/// grain's lines.
/// </summary>
internal sealed class GrainLogScopeFilter(ILoggerFactory loggers) : IIncomingGrainCallFilter
{
    private static readonly GrainType TicketType = GrainType.Create(GrainTypes.Ticket);
    private static readonly GrainType CustomerType = GrainType.Create(GrainTypes.Customer);
    private static readonly GrainType MerchantType = GrainType.Create(GrainTypes.Merchant);
    private static readonly GrainType MerchantPartType = GrainType.Create(GrainTypes.MerchantPart);

    private readonly ILogger _logger = loggers.CreateLogger("TicketCluster.Grains");

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var id = context.TargetId;
        using var scope = KeyPropertyOf(id.Type) is { } name ? _logger.BeginScope(new GrainScope(id, name)) : null;
        await context.Invoke();
    }

    /// <summary>The property that names what a grain of <paramref name="type"/> is about; null for grains
    /// that get no scope.</summary>
    private static string? KeyPropertyOf(GrainType type) =>
        type.Equals(TicketType) ? "TicketId"
        : type.Equals(CustomerType) ? "CustomerId"
        : type.Equals(MerchantType) || type.Equals(MerchantPartType) ? "MerchantId"
        : null;

    /// <summary>
    /// The scope's two properties, made into strings only when a logger reads them: a scope is opened for
    /// every grain call, and most calls log nothing (building the id strings and a dictionary for each was
    /// several kilobytes allocated per intake).
    /// </summary>
    private sealed class GrainScope(GrainId id, string keyProperty) : IReadOnlyList<KeyValuePair<string, object>>
    {
        private KeyValuePair<string, object>[]? _properties;

        public int Count => 2;

        public KeyValuePair<string, object> this[int index] => Properties[index];

        private KeyValuePair<string, object>[] Properties => _properties ??= Create(id, keyProperty);

        public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object>>)Properties).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => string.Join(", ", Properties.Select(p => $"{p.Key}:{p.Value}"));

        private static KeyValuePair<string, object>[] Create(GrainId id, string keyProperty)
        {
            var key = id.Key.ToString()!;
            var value = id.Type.Equals(MerchantPartType) ? Merchants.MerchantParts.MerchantOf(key) : key;
            return [new("Grain", id.ToString()), new(keyProperty, value)];
        }
    }
}

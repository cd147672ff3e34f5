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
        var type = id.Type;
        using var scope = type.Equals(TicketType) || type.Equals(CustomerType) || type.Equals(MerchantType) || type.Equals(MerchantPartType)
            ? _logger.BeginScope(new GrainScope(id))
            : null;
        await context.Invoke();
    }

    /// <summary>
    /// The scope's two properties, made into strings only when a logger reads them: a scope is opened for
    /// every grain call, and most calls log nothing (building the id strings and a dictionary for each was
    /// several kilobytes allocated per intake).
    /// </summary>
    private sealed class GrainScope(GrainId id) : IReadOnlyList<KeyValuePair<string, object>>
    {
        private KeyValuePair<string, object>[]? _properties;

        public int Count => 2;

        public KeyValuePair<string, object> this[int index] => Properties[index];

        private KeyValuePair<string, object>[] Properties => _properties ??= Create(id);

        public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object>>)Properties).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => string.Join(", ", Properties.Select(p => $"{p.Key}:{p.Value}"));

        private static KeyValuePair<string, object>[] Create(GrainId id)
        {
            var key = id.Key.ToString()!;
            var type = id.Type;
            var named = type.Equals(TicketType) ? ("TicketId", key)
                : type.Equals(CustomerType) ? ("CustomerId", key)
                : type.Equals(MerchantType) ? ("MerchantId", key)
                : ("MerchantId", Merchants.MerchantParts.MerchantOf(key));
            return [new("Grain", id.ToString()), new(named.Item1, named.Item2)];
        }
    }
}

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
    private readonly ILogger _logger = loggers.CreateLogger("TicketCluster.Grains");

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var id = context.TargetId;
        var key = id.Key.ToString()!;
        (string Name, string Value)? property = id.Type.ToString() switch
        {
            GrainTypes.Ticket => ("TicketId", key),
            GrainTypes.Customer => ("CustomerId", key),
            GrainTypes.Merchant => ("MerchantId", key),
            GrainTypes.MerchantPart => ("MerchantId", Merchants.MerchantParts.MerchantOf(key)),
            _ => null,
        };
        using var scope = property is not { } named
            ? null
            : _logger.BeginScope(new Dictionary<string, object> { ["Grain"] = id.ToString(), [named.Name] = named.Value });
        await context.Invoke();
    }
}

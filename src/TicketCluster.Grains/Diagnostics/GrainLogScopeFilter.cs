using Microsoft.Extensions.Logging;

namespace TicketCluster.Grains.Diagnostics;

/// <summary>
/// Opens a logging scope around every call into a ticket, customer or merchant grain: <c>Grain</c> (the grain
/// id) and <c>TicketId</c>, <c>CustomerId</c> or <c>MerchantId</c> (its key), so every line the call logs names
/// what it is about (docs/silo.md, "Logs"). Scopes live on the call's flow: they never leak onto another
/// grain's lines.
/// </summary>
internal sealed class GrainLogScopeFilter(ILoggerFactory loggers) : IIncomingGrainCallFilter
{
    private readonly ILogger _logger = loggers.CreateLogger("TicketCluster.Grains");

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var id = context.TargetId;
        var property = id.Type.ToString() switch
        {
            GrainTypes.Ticket => "TicketId",
            GrainTypes.Customer => "CustomerId",
            GrainTypes.Merchant => "MerchantId",
            _ => null,
        };
        using var scope = property is null
            ? null
            : _logger.BeginScope(new Dictionary<string, object> { ["Grain"] = id.ToString(), [property] = id.Key.ToString()! });
        await context.Invoke();
    }
}

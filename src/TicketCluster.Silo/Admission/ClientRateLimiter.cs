using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using TicketCluster.Domain;
using TicketCluster.Domain.Classification;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Configuration;

namespace TicketCluster.Silo.Admission;

/// <summary>
/// The per-client limiter that ASP.NET Core's rate limiting middleware runs on <c>/api/</c>: one fixed
/// window per role and subject (<see cref="RateLimitSettings"/>: a tenant's allowance for customer and
/// merchant tokens, a service's for the rest, and for a token whose role is not one known role). An intake refused by its client's window
/// is estimated (<see cref="IntakeSeverityEstimate"/>, the body read once more) and, if urgent, takes a
/// permit of the client's urgent allowance instead: a gateway that spent its rate on ordinary complaints
/// still gets a safety report through. The estimate is made only on that refusal path, so a client within
/// its rate never has its body read twice. Unauthenticated requests are not partitioned here: they are
/// refused with 401 and count against the node's in-flight admission only.
/// </summary>
internal sealed class ClientRateLimiter : PartitionedRateLimiter<HttpContext>
{
    private readonly PartitionedRateLimiter<HttpContext> _clients;
    private readonly PartitionedRateLimiter<HttpContext> _urgent;
    private readonly TicketClassifier _classifier;

    public ClientRateLimiter(RateLimitSettings settings, TicketClassifier classifier)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _classifier = classifier;
        _clients = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, settings, role => IsTenant(role) ? settings.PermitsPerWindow : settings.ServicePermitsPerWindow));
        _urgent = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, settings, _ => settings.UrgentIntakePermitsPerWindow));
    }

    /// <summary>The partition of a request: role and subject of its token; null for a request that is
    /// not rated (outside <c>/api/</c>, or without an authenticated token).</summary>
    internal static string? ClientOf(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || context.User.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var role = string.Join(',', context.User.FindAll(Caller.RoleClaim).Select(c => c.Value));
        return $"{role}\n{context.User.FindFirst("sub")?.Value}";
    }

    /// <summary>Customer and merchant tokens: the tenants, whose rate is the smaller one.</summary>
    internal static bool IsTenant(string role) =>
        role == Caller.NameOf(ApiRole.Customer) || role == Caller.NameOf(ApiRole.Merchant);

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => _clients.GetStatistics(resource);

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) => _clients.AttemptAcquire(resource, permitCount);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken)
    {
        var lease = await _clients.AcquireAsync(resource, permitCount, cancellationToken);
        if (lease.IsAcquired
            || !AdmissionMiddleware.IsIntake(resource)
            || await IntakeSeverityEstimate.OfAsync(resource.Request, _classifier, cancellationToken) != Severity.Urgent)
        {
            return lease;
        }

        var urgent = await _urgent.AcquireAsync(resource, permitCount, cancellationToken);
        if (!urgent.IsAcquired)
        {
            urgent.Dispose();
            return lease;
        }

        lease.Dispose();
        return urgent;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _clients.Dispose();
            _urgent.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await _clients.DisposeAsync();
        await _urgent.DisposeAsync();
        await base.DisposeAsyncCore();
    }

    private static RateLimitPartition<string> Partition(HttpContext context, RateLimitSettings settings, Func<string, int> permitsOf)
    {
        if (ClientOf(context) is not { } client)
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        var role = client[..client.IndexOf('\n', StringComparison.Ordinal)];
        return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitsOf(role),
            Window = settings.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}

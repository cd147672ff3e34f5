using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TicketCluster.Silo.Api;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Configuration;
using TicketCluster.Storage;

namespace TicketCluster.Silo.Cluster;

/// <summary>One silo as <c>GET /api/v1/cluster</c> shows it, from Orleans' membership table.
/// <see cref="Status"/> is <c>active</c>, <c>joining</c>, <c>draining</c> (shutting down or stopping) or
/// <c>dead</c> (declared dead by the others, or stopped).</summary>
/// <param name="Id">The silo's name.</param>
/// <param name="Address">The silo's Orleans endpoint (<c>S{ip}:{port}:{generation}</c>).</param>
/// <param name="Host">The machine (or pod) it runs on.</param>
/// <param name="LastHeartbeat">Its last "I am alive" in the membership table.</param>
/// <param name="Activations">Grain activations it holds; null when it does not answer (not active).</param>
public sealed record ClusterNodeView(
    string Id,
    string Address,
    string Host,
    DateTimeOffset StartedAt,
    DateTimeOffset LastHeartbeat,
    string Status,
    int? Activations);

/// <summary>The cluster: its silos, the reminders registered (one per counting clock) and those due, and
/// the tickets still owing events to their customer, merchant or webhook feeds with the age of the oldest
/// debt (<see cref="EventsLag"/>), read from the shared database.</summary>
public sealed record ClusterView(
    IReadOnlyList<ClusterNodeView> Nodes,
    long RemindersPending,
    long RemindersDue,
    long TicketsOwingEvents,
    TimeSpan? EventsLag);

public static class ClusterApi
{
    public static RouteHandlerBuilder MapClusterApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGet("/api/v1/cluster", GetAsync)
            .WithTags("Cluster")
            .WithName("GetCluster")
            .WithSummary("The silos of the cluster with their status and activations, and the reminder and owed-event backlogs. Admin only.")
            .RequireAuthorization()
            .Produces<ClusterView>()
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    /// <summary>Orleans' silo status as the API names it.</summary>
    public static string StatusOf(SiloStatus status) => status switch
    {
        SiloStatus.Active => "active",
        SiloStatus.ShuttingDown or SiloStatus.Stopping => "draining",
        SiloStatus.Dead => "dead",
        _ => "joining",
    };

    private static async Task<IResult> GetAsync(HttpContext context, IGrainFactory grains, ITicketQueries queries, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Caller.From(context.User) is not { Role: ApiRole.Admin })
        {
            return Problems.Forbidden("The cluster view is for the admin role.");
        }

        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: false, cancellationToken);
        var active = hosts.Where(h => h.Status == SiloStatus.Active).Select(h => h.SiloAddress).ToArray();
        var statistics = active.Length == 0 ? [] : await management.GetRuntimeStatistics(active, cancellationToken);
        var activations = active.Zip(statistics, (address, s) => (address, s.ActivationCount)).ToDictionary(p => p.address, p => p.ActivationCount);
        var backlog = await queries.ReadBacklogAsync(OrleansSettings.ServiceId, cancellationToken);
        var now = time.GetUtcNow();
        return Results.Ok(new ClusterView(
            [
                .. hosts.OrderBy(h => h.SiloName, StringComparer.Ordinal).Select(h => new ClusterNodeView(
                    h.SiloName,
                    h.SiloAddress.ToParsableString(),
                    h.HostName,
                    new DateTimeOffset(DateTime.SpecifyKind(h.StartTime, DateTimeKind.Utc)),
                    new DateTimeOffset(DateTime.SpecifyKind(h.IAmAliveTime, DateTimeKind.Utc)),
                    StatusOf(h.Status),
                    activations.TryGetValue(h.SiloAddress, out var count) ? count : null)),
            ],
            backlog.RemindersPending,
            backlog.RemindersDue,
            backlog.TicketsOwingEvents,
            backlog.OldestEventOwedSince is { } oldest ? (now > oldest ? now - oldest : TimeSpan.Zero) : null));
    }
}

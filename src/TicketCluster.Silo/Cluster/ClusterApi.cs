using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TicketCluster.Runtime;
using TicketCluster.Runtime.Storage;
using TicketCluster.Silo.Api;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Configuration;

namespace TicketCluster.Silo.Cluster;

/// <summary>One node as <c>GET /api/v1/cluster</c> shows it. <see cref="Status"/> is <c>active</c>,
/// <c>draining</c> or <c>dead</c> (no heartbeat within <c>TicketCluster:Cluster:DeadAfter</c>).</summary>
public sealed record ClusterNodeView(
    string Id,
    string Address,
    string Version,
    DateTimeOffset StartedAt,
    DateTimeOffset LastHeartbeat,
    string Status,
    int Activations,
    long RemindersClaimed,
    long RemindersFired);

/// <summary>The cluster: its nodes, the reminders waiting and due, and the outbox backlog and lag (the age
/// of the oldest undelivered message), all read from the shared database.</summary>
public sealed record ClusterView(
    IReadOnlyList<ClusterNodeView> Nodes,
    long RemindersPending,
    long RemindersDue,
    long OutboxPending,
    TimeSpan? OutboxLag);

public static class ClusterApi
{
    public static RouteHandlerBuilder MapClusterApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGet("/api/v1/cluster", GetAsync)
            .WithTags("Cluster")
            .WithName("GetCluster")
            .WithSummary("The nodes of the cluster with their heartbeats and counts, and the reminder and outbox backlogs. Admin only.")
            .RequireAuthorization()
            .Produces<ClusterView>()
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<IResult> GetAsync(HttpContext context, GrainRuntime runtime, SiloSettings settings, CancellationToken cancellationToken)
    {
        if (Caller.From(context.User) is not { Role: ApiRole.Admin })
        {
            return Problems.Forbidden("The cluster view is for the admin role.");
        }

        var members = await runtime.Storage.ReadMembershipAsync(settings.Cluster.DeadAfter, cancellationToken);
        var statistics = await runtime.Storage.ReadStatisticsAsync(cancellationToken);
        var now = runtime.TimeProvider.GetUtcNow();
        return Results.Ok(new ClusterView(
            [
                .. members.Select(m => new ClusterNodeView(
                    m.Node.NodeId,
                    m.Node.Address,
                    m.Node.Version,
                    m.Node.StartedAt,
                    m.LastHeartbeat,
                    m.Expired ? "dead" : m.Node.Status == NodeStatus.Draining ? "draining" : "active",
                    m.Node.Activations,
                    m.Node.RemindersClaimed,
                    m.Node.RemindersFired)),
            ],
            statistics.RemindersPending,
            statistics.RemindersDue,
            statistics.OutboxPending,
            statistics.OldestOutboxCreatedAt is { } oldest && now > oldest ? now - oldest : statistics.OutboxPending > 0 ? TimeSpan.Zero : null));
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using TicketCluster.Grains.Diagnostics;
using TicketCluster.Silo.Api;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.Silo.Tests.Telemetry;

/// <summary>How spans nest on a node that exports: a request's server span (ASP.NET Core's, named and tagged by
/// the OpenTelemetry instrumentation) joins its caller's W3C trace, and the grain calls it makes are its
/// children.</summary>
public sealed class TracingTests
{
    /// <summary>The source of ASP.NET Core's request activity.</summary>
    private const string AspNetCoreSource = "Microsoft.AspNetCore";

    /// <summary>The source of Orleans' grain call activities (with <c>AddActivityPropagation</c>).</summary>
    private const string GrainCallSource = "Microsoft.Orleans.Application";

    [Fact]
    public async Task Request_WithTraceParent_JoinsTheTraceAndParentsItsGrainCalls()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var callerSpan = ActivitySpanId.CreateRandom();
        var spans = new ConcurrentQueue<Activity>();
        var serverStopped = new TaskCompletionSource<Activity>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is TicketClusterTelemetry.ActivitySourceName or AspNetCoreSource or GrainCallSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId != traceId)
                {
                    return;
                }

                spans.Enqueue(activity);
                if (activity.Kind == ActivityKind.Server && activity.Source.Name == AspNetCoreSource)
                {
                    serverStopped.TrySetResult(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var silo = await TestSilo.StartSqliteAsync(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.AbsoluteUri,
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets")
        {
            Content = JsonContent.Create(Intakes.Complaint(), options: ApiJson.Options),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{callerSpan}-01");

        // The caller stands for another process: this process's own HttpClient would be traced by the node's
        // SDK (HttpClient instrumentation) and send its client span as the parent instead of the header above.
        using var caller = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = silo.BaseAddress };
        caller.DefaultRequestHeaders.Authorization = silo.Client(ApiRole.Channel).DefaultRequestHeaders.Authorization;

        var response = await caller.SendAsync(request);
        var server = await serverStopped.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(AspNetCoreSource, server.Source.Name);
        Assert.Single(spans, s => s.Kind == ActivityKind.Server && s.Source.Name == AspNetCoreSource);
        Assert.Equal("POST /api/v1/tickets/", server.DisplayName);
        Assert.Equal("/api/v1/tickets/", server.GetTagItem("http.route"));
        Assert.Equal(callerSpan, server.ParentSpanId);
        Assert.Equal(201, server.GetTagItem("http.response.status_code"));
        var calls = spans.Where(s => s.Source.Name == GrainCallSource && s.Kind == ActivityKind.Client && s.ParentSpanId == server.SpanId).ToList();
        Assert.Contains(calls, c => c.DisplayName.Contains("ITicketGrain", StringComparison.Ordinal));
        Assert.Contains(calls, c => c.DisplayName.Contains("ICustomerGrain", StringComparison.Ordinal));
    }
}

using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TicketCluster.Silo.Tests.Telemetry;

/// <summary>
/// A loopback OTLP/HTTP collector: Kestrel on 127.0.0.1:0 taking <c>POST /v1/traces</c> and
/// <c>POST /v1/metrics</c> and keeping the protobuf bodies. The bodies are not parsed: span and metric
/// names appear in them as UTF-8 strings.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtlpReceiver(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public ConcurrentQueue<byte[]> Traces { get; } = new();

    public ConcurrentQueue<byte[]> Metrics { get; } = new();

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        OtlpReceiver? receiver = null;
        app.MapPost("/v1/traces", async (HttpRequest request) => await KeepAsync(request, receiver!.Traces));
        app.MapPost("/v1/metrics", async (HttpRequest request) => await KeepAsync(request, receiver!.Metrics));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new OtlpReceiver(app, new Uri(address));
        return receiver;
    }

    public static bool Contains(byte[] body, string text) =>
        body.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(text)) >= 0;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task<IResult> KeepAsync(HttpRequest request, ConcurrentQueue<byte[]> into)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        into.Enqueue(buffer.ToArray());

        // An empty ExportTraceServiceRequest/ExportMetricsServiceResponse is an empty protobuf message.
        return Results.Bytes([], "application/x-protobuf");
    }
}

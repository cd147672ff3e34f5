using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TicketCluster.Runtime;
using TicketCluster.Silo.Admission;

namespace TicketCluster.Silo.Telemetry;

/// <summary>How the silo wires telemetry and admission control: one call for the services, one for the
/// pipeline.</summary>
public static class TelemetryHosting
{
    /// <summary>Registers <see cref="SiloMetrics"/>, <see cref="AdmissionControl"/> and the OTLP export
    /// (when an endpoint is configured; see <see cref="TelemetrySettings"/>). Call after the grain runtime
    /// is registered, so the export is disposed (and flushed) before the runtime's meter.</summary>
    /// <exception cref="Configuration.SiloConfigurationException">The telemetry settings are malformed.</exception>
    public static WebApplicationBuilder AddTelemetryAndAdmission(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = TelemetrySettings.Load(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(sp => new SiloMetrics(sp.GetRequiredService<GrainRuntime>().NodeId));
        builder.Services.AddSingleton<AdmissionControl>();
        builder.Services.AddSingleton(sp => new TelemetryExport(
            settings,
            sp.GetRequiredService<GrainRuntime>().NodeId,
            sp.GetRequiredService<ILogger<TelemetryExport>>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TelemetryExport>());
        return builder;
    }

    /// <summary>Adds the request span, duration metric and ticket logging scope, then admission control
    /// (503 while draining, 429 over the limits). Call first in the pipeline, so the span and the
    /// duration cover the exception handler's answers too.</summary>
    public static WebApplication UseTelemetryAndAdmission(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<RequestTelemetryMiddleware>();
        app.UseMiddleware<AdmissionMiddleware>();
        return app;
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using TicketCluster.Silo.Admission;

namespace TicketCluster.Silo.Telemetry;

/// <summary>How the silo wires telemetry and admission control: one call for the services, one for the
/// pipeline.</summary>
public static class TelemetryHosting
{
    /// <summary>Registers <see cref="SiloMetrics"/>, <see cref="AdmissionControl"/> and the OTLP export
    /// (OpenTelemetry.Extensions.Hosting, when an endpoint is configured; see <see cref="TelemetrySettings"/>).
    /// The SDK's providers are built when the host starts, so the container disposes (and flushes) them after
    /// the silo and the server have stopped.</summary>
    /// <exception cref="Configuration.SiloConfigurationException">The telemetry settings are malformed.</exception>
    public static WebApplicationBuilder AddTelemetryAndAdmission(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = TelemetrySettings.Load(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(sp => new SiloMetrics(sp.GetRequiredService<ILocalSiloDetails>().Name));
        builder.Services.AddSingleton<AdmissionControl>();
        if (settings.OtlpEndpoint is not null)
        {
            builder.Services.AddOtlpExport(settings);
        }

        return builder;
    }

    /// <summary>Adds the request duration metric and ticket logging scope, then admission control
    /// (503 while draining, 429 over the limits). Call first in the pipeline, so the duration covers the
    /// exception handler's answers too.</summary>
    public static WebApplication UseTelemetryAndAdmission(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<RequestTelemetryMiddleware>();
        app.UseMiddleware<AdmissionMiddleware>();
        return app;
    }
}

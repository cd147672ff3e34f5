using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TicketCluster.Domain.Classification;
using TicketCluster.Grains.Tickets;
using TicketCluster.Silo.Admission;
using TicketCluster.Silo.Api;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Cluster;
using TicketCluster.Silo.Configuration;
using TicketCluster.Silo.Health;
using TicketCluster.Silo.Telemetry;
using TicketCluster.Silo.Messages;
using TicketCluster.Silo.Webhooks;
using TicketCluster.Storage;
using TicketCluster.WebConsole;

namespace TicketCluster.Silo.Hosting;

/// <summary>
/// The composition of a node: configuration, the Orleans silo co-hosted with the web server (storage,
/// reminders, membership, grains: <see cref="OrleansHosting"/>), authentication, the API, health and
/// problem details. <see cref="Program"/> runs it; tests build it with their own
/// configuration and a loopback port.
/// </summary>
public static class SiloApp
{
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>Liveness: the process answers.</summary>
    public const string LivePath = "/health/live";

    /// <summary>Readiness: started, storage reachable, not draining.</summary>
    public const string ReadyPath = "/health/ready";

    /// <summary>Log levels unless configured otherwise (<c>Logging:LogLevel:…</c>).</summary>
    public static readonly IReadOnlyDictionary<string, string?> LoggingDefaults = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Orleans"] = "Warning",
        // Orleans warns at every start when its minimum reminder period is under a minute ("high-frequency
        // reminders"). A clock's period here is only its retry after a missed tick (10 s by default): a handled
        // tick moves or removes the reminder, so no reminder fires periodically.
        ["Logging:LogLevel:Orleans.Hosting.ReminderOptionsValidator"] = "Error",
    };

    /// <summary>Builds the node. <paramref name="configure"/> lets a test add configuration or services
    /// before the settings are read.</summary>
    /// <exception cref="SiloConfigurationException">The configuration cannot run.</exception>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // The application is the silo whoever hosts it (a test host too): its name finds the console's static
        // assets manifest (TicketCluster.Silo.staticwebassets.endpoints.json) beside the assembly.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(SiloApp).Assembly.GetName().Name });

        // Defaults under every other source: ASP.NET Core's per-request information lines (request
        // started, endpoint executed, request finished) cost more CPU than the intake they describe.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = LoggingDefaults });
        configure?.Invoke(builder);
        var settings = SiloSettings.Load(builder.Configuration);
        SigningKeys.CheckEnvironment(settings, builder.Environment.EnvironmentName);
        var signingKey = SigningKeys.Resolve(settings);
        builder.Services.AddSingleton(settings);

        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = settings.Limits.MaxRequestBodyBytes;

            // A stranger learns nothing of the server software.
            k.AddServerHeader = false;
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.DrainTimeout);
        builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemTypes.Stabilize);
        builder.Services.AddExceptionHandler<BadRequestHandler>();
        builder.Services.AddExceptionHandler<StorageUnavailableHandler>();

        builder.AddOrleansSilo(settings);
        builder.AddTelemetryAndAdmission();
        builder.Services.AddWebhooks(builder.Configuration);
        builder.Services.AddCustomerMessages(builder.Configuration);
        builder.Services.AddSingleton(new TicketClassifier(settings.Classification));
        builder.Services.AddSingleton(sp =>
        {
            var time = sp.GetRequiredService<TimeProvider>();
            var grains = new OrleansIntakeGrains(sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<IIntakeKeyLookup>());
            return new IntakeProcess(grains, sp.GetRequiredService<TicketClassifier>(), () => NewTicketId(time));
        });

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o => BearerEvents.Configure(o, settings, signingKey));
        builder.Services.AddAuthorization();
        builder.Services.AddClientRateLimits(settings.RateLimits);
        builder.AddConsole(sp => ConsoleTokens.For(settings, sp.GetRequiredService<TimeProvider>()), ConsoleTokens.SessionOptions(settings));

        builder.Services.AddSingleton<DrainState>();
        builder.Services.AddHealthChecks().AddCheck<ReadinessCheck>("storage", tags: [ReadinessCheck.Tag]);
        builder.Services.AddOpenApi(o => o.AddOperationTransformer((operation, context, _) =>
        {
            // Endpoints that read their query themselves declare the parameters they accept.
            foreach (var name in context.Description.ActionDescriptor.EndpointMetadata.OfType<AcceptedQuery>().SelectMany(q => q.Names))
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new Microsoft.OpenApi.OpenApiParameter
                {
                    Name = name,
                    In = Microsoft.OpenApi.ParameterLocation.Query,
                    Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String },
                });
            }

            return Task.CompletedTask;
        }).AddDocumentTransformer((document, _, _) =>
        {
            // Every API route takes a bearer token (see docs/silo.md for the roles).
            document.Components ??= new Microsoft.OpenApi.OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, Microsoft.OpenApi.IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["bearer"] = new Microsoft.OpenApi.OpenApiSecurityScheme
            {
                Type = Microsoft.OpenApi.SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A token with one role claim: channel, customer, agent, supervisor, merchant, warehouse, finance or admin.",
            };
            return Task.CompletedTask;
        }));

        var app = builder.Build();
        app.Lifetime.ApplicationStopping.Register(() => app.Services.GetRequiredService<DrainState>().BeginDraining());
        app.Lifetime.ApplicationStarted.Register(() => Announce(app, settings));
        if (SigningKeys.UsesDevelopmentKey(settings))
        {
            AuthLog.SigningWithDevelopmentKey(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SigningKeys).FullName!), SigningKeys.DevelopmentKeyFile);
        }

        app.UseTelemetryAndAdmission();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadinessCheck.Tag) });
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapTicketsApi();
        app.MapClusterApi();
        app.MapQueryApi();
        app.MapConsole();
        return app;
    }

    /// <summary>Ticket ids are time-ordered (UUID version 7), so newer tickets sort after older ones.</summary>
    private static string NewTicketId(TimeProvider time) => "tk-" + Guid.CreateVersion7(time.GetUtcNow()).ToString("N");

    private static void Announce(WebApplication app, SiloSettings settings)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var output = Console.Out;
        output.WriteLine($"TicketCluster silo listening on {string.Join(", ", addresses)}");
        output.WriteLine($"  storage: {settings.Storage.Kind.ToString().ToUpperInvariant()} {(settings.Storage.Kind == StorageKind.Sqlite ? settings.ConnectionString : "(configured)")}");
        if (settings.Auth.Authority is null)
        {
            output.WriteLine("  get a token: dotnet run --project src/TicketCluster.Silo --no-launch-profile -- token --role agent --subject alice");
        }
    }
}

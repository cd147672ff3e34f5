using System.Globalization;
using Orleans.Hosting.Kubernetes;
using TicketCluster.Silo.Configuration;
using TicketCluster.Silo.Hosting;
using YamlDotNet.RepresentationModel;

namespace TicketCluster.Deployment.Tests;

/// <summary>
/// Every overlay renders, and what it deploys agrees with the program: probe paths and ports are the
/// silo's, every environment variable is a key the silo reads, the grace period covers the drain, every
/// container is bounded, and one image name is used throughout.
/// </summary>
public sealed class ManifestTests
{
    // Variables that are not TicketCluster settings but are read by the platform the silo runs on: ASP.NET Core,
    // OpenTelemetry, and Orleans' Kubernetes hosting.
    private static readonly HashSet<string> PlatformVariables = new(StringComparer.Ordinal)
    {
        "ASPNETCORE_URLS", "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES",
        KubernetesHostingOptions.PodNameEnvironmentVariable, KubernetesHostingOptions.PodNamespaceEnvironmentVariable,
        KubernetesHostingOptions.PodIPEnvironmentVariable, KubernetesHostingOptions.ServiceIdEnvironmentVariable,
        KubernetesHostingOptions.ClusterIdEnvironmentVariable,
    };

    public static TheoryData<string> Overlays() => [.. RenderedOverlay.Names];

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Silo_Probes_UseTheAppsHealthPathsAndPort(string overlay)
    {
        var silo = Manifests.SiloContainer(RenderedOverlay.Render(overlay));
        var port = silo.List("ports").Single(p => p.Text("name") == "http");
        var urls = silo.List("env").Single(e => e.Text("name") == "ASPNETCORE_URLS").Text("value")!;

        Assert.Equal(new Uri(urls.Replace("+", "localhost", StringComparison.Ordinal)).Port.ToString(CultureInfo.InvariantCulture), port.Text("containerPort"));
        Assert.Equal(SiloApp.ReadyPath, silo.Path("readinessProbe").Path("httpGet").Text("path"));
        Assert.Equal(SiloApp.LivePath, silo.Path("livenessProbe").Path("httpGet").Text("path"));
        Assert.Equal(SiloApp.LivePath, silo.Path("startupProbe").Path("httpGet").Text("path"));
        Assert.All(
            new[] { "readinessProbe", "livenessProbe", "startupProbe" },
            probe => Assert.Equal("http", silo.Path(probe).Path("httpGet").Text("port")));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Service_TargetsTheSilosPort(string overlay)
    {
        var rendered = RenderedOverlay.Render(overlay);
        var service = rendered.Named("Service", "silo");

        Assert.Equal("http", service.Path("spec").List("ports").Single().Text("targetPort"));
        Assert.Equal("silo", service.Path("spec").Path("selector").Text("app.kubernetes.io/component"));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Silo_EnvironmentVariables_AreKeysTheSiloReads(string overlay)
    {
        var rendered = RenderedOverlay.Render(overlay);
        var known = SiloSettings.ConfigurationKeys;
        var names = Manifests.EnvironmentOf(rendered, Manifests.SiloContainer(rendered)).Keys.ToList();

        Assert.NotEmpty(names);
        foreach (var name in names)
        {
            if (PlatformVariables.Contains(name))
            {
                continue;
            }

            var key = name.Replace("__", ":", StringComparison.Ordinal);
            var read = known.Contains(key) || known.Any(k => k.EndsWith(":*", StringComparison.Ordinal) && key.StartsWith(k[..^1], StringComparison.OrdinalIgnoreCase));
            Assert.True(read, $"{overlay}: {name} is not a configuration key the silo reads");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void EveryContainer_HasRequestsAndLimits(string overlay)
    {
        foreach (var (workload, pod) in RenderedOverlay.Render(overlay).PodSpecs())
        {
            foreach (var container in pod.List("containers").Concat(pod.List("initContainers")))
            {
                var resources = container.Path("resources");
                foreach (var part in new[] { "requests", "limits" })
                {
                    Assert.True(resources.TryPath(part) is { } values && values.Text("cpu") is not null && values.Text("memory") is not null,
                        $"{overlay}: {workload.Path("metadata").Text("name")}/{container.Text("name")} lacks {part}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Silo_RunsNonRootOnReadOnlyRoot(string overlay)
    {
        var rendered = RenderedOverlay.Render(overlay);
        var pod = Manifests.SiloPod(rendered).Path("spec");
        var silo = Manifests.SiloContainer(rendered);

        Assert.Equal("true", pod.Path("securityContext").Text("runAsNonRoot"));
        Assert.Equal("true", silo.Path("securityContext").Text("readOnlyRootFilesystem"));
        Assert.Equal("false", silo.Path("securityContext").Text("allowPrivilegeEscalation"));
    }

    [Fact]
    public void SiloImage_IsOneNameEverywhere()
    {
        var images = RenderedOverlay.Names
            .Select(RenderedOverlay.Render)
            .SelectMany(r => r.PodSpecs().SelectMany(p => p.PodSpec.List("containers")).Where(c => c.Text("name") == "silo"))
            .Select(c => c.Text("image")!)
            .ToList();
        var dockerfile = File.ReadAllText(Path.Combine(Repository.Root, "Dockerfile"));

        Assert.NotEmpty(images);
        Assert.All(images, image => Assert.Equal("ticketcluster/silo", ImageRepository(image)));
        Assert.Contains("-t ticketcluster/silo:", dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    public void Dockerfile_RunsTheSiloAsNonRoot()
    {
        var dockerfile = File.ReadAllLines(Path.Combine(Repository.Root, "Dockerfile"));

        Assert.Contains(dockerfile, l => l.StartsWith("USER ", StringComparison.Ordinal) && !l.Contains("root", StringComparison.Ordinal));
        Assert.Contains(dockerfile, l => l.Contains("TicketCluster.Silo.dll", StringComparison.Ordinal) && l.StartsWith("ENTRYPOINT", StringComparison.Ordinal));
        Assert.True(dockerfile.Count(l => l.StartsWith("FROM ", StringComparison.Ordinal)) >= 2, "multi-stage");
    }

    /// <summary>The repository part of an image reference, without registry host and tag.</summary>
    private static string ImageRepository(string image)
    {
        var withoutTag = image.Split('@')[0];
        var colon = withoutTag.LastIndexOf(':');
        if (colon > withoutTag.LastIndexOf('/'))
        {
            withoutTag = withoutTag[..colon];
        }

        var parts = withoutTag.Split('/');
        return parts.Length > 2 || (parts.Length == 2 && parts[0].Contains('.', StringComparison.Ordinal))
            ? string.Join('/', parts.Skip(parts.Length - 2))
            : withoutTag;
    }
}

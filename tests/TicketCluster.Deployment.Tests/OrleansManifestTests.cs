using System.Globalization;
using Orleans.Configuration;
using Orleans.Hosting.Kubernetes;
using TicketCluster.Silo.Configuration;
using YamlDotNet.RepresentationModel;

namespace TicketCluster.Deployment.Tests;

/// <summary>
/// What Orleans needs from Kubernetes agrees with the program: the silo and gateway ports are the ones the
/// silo listens on, Kubernetes hosting is switched on with the downward-API variables it reads, the pod labels
/// it selects by carry the service and cluster ids the silo runs with, the pod's account may read pods, silos
/// may reach each other's silo port, the grace period covers Orleans' deactivation, and the schema Job runs
/// the program's <c>schema apply</c> with the silos' image and settings.
/// </summary>
public sealed class OrleansManifestTests
{
    public static TheoryData<string> Overlays() => [.. RenderedOverlay.Names];

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Silo_OrleansPorts_AreTheSilosSettings(string overlay)
    {
        var rendered = RenderedOverlay.Render(overlay);
        var silo = Manifests.SiloContainer(rendered);
        var environment = Manifests.EnvironmentOf(rendered, silo);
        var defaults = new OrleansSettings();

        Assert.Equal(Setting(environment, "SILOPORT", defaults.SiloPort), Port(silo, "silo"));
        Assert.Equal(Setting(environment, "GATEWAYPORT", defaults.GatewayPort), Port(silo, "gateway"));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Silo_KubernetesHosting_IdsOfEnvironmentLabelsAndSettingsAgree(string overlay)
    {
        var rendered = RenderedOverlay.Render(overlay);
        var silo = Manifests.SiloContainer(rendered);
        var environment = Manifests.EnvironmentOf(rendered, silo);
        var labels = Manifests.SiloPod(rendered).Path("metadata").Path("labels");
        var clusterId = environment.GetValueOrDefault("TICKETCLUSTER__ORLEANS__CLUSTERID") ?? new OrleansSettings().ClusterId;

        Assert.Equal("true", environment["TICKETCLUSTER__ORLEANS__KUBERNETES"]);
        Assert.Equal(OrleansSettings.ServiceId, environment[KubernetesHostingOptions.ServiceIdEnvironmentVariable]);
        Assert.Equal(clusterId, environment[KubernetesHostingOptions.ClusterIdEnvironmentVariable]);
        Assert.Equal(OrleansSettings.ServiceId, labels.Text(KubernetesHostingOptions.ServiceIdLabel));
        Assert.Equal(clusterId, labels.Text(KubernetesHostingOptions.ClusterIdLabel));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Silo_PodIdentity_ComesFromTheDownwardApi(string overlay)
    {
        var silo = Manifests.SiloContainer(RenderedOverlay.Render(overlay));
        string? FieldOf(string name) =>
            silo.List("env").Single(e => e.Text("name") == name).Path("valueFrom").Path("fieldRef").Text("fieldPath");

        Assert.Equal("metadata.name", FieldOf(KubernetesHostingOptions.PodNameEnvironmentVariable));
        Assert.Equal("metadata.namespace", FieldOf(KubernetesHostingOptions.PodNamespaceEnvironmentVariable));
        Assert.Equal("status.podIP", FieldOf(KubernetesHostingOptions.PodIPEnvironmentVariable));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Silo_ServiceAccount_MayReadAndWatchPods(string overlay)
    {
        var rendered = RenderedOverlay.Render(overlay);
        var pod = Manifests.SiloPod(rendered).Path("spec");
        var account = pod.Text("serviceAccountName")!;
        var binding = rendered.OfKind("RoleBinding").Single(b => b.List("subjects").Any(s => s.Text("kind") == "ServiceAccount" && s.Text("name") == account));
        var role = rendered.Named("Role", binding.Path("roleRef").Text("name")!);
        var pods = role.List("rules").Single(r => Strings(r, "resources").Contains("pods"));

        Assert.Equal("true", pod.Text("automountServiceAccountToken"));
        Assert.Equal("true", rendered.Named("ServiceAccount", account).Text("automountServiceAccountToken"));
        Assert.Equal("Role", binding.Path("roleRef").Text("kind"));
        Assert.Equal(["get", "list", "watch"], Strings(pods, "verbs").Order(StringComparer.Ordinal));
        Assert.DoesNotContain(role.List("rules"), r => Strings(r, "verbs").Contains("delete"));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Silo_NetworkPolicy_LetsSilosReachEachOthersSiloPort(string overlay)
    {
        var rendered = RenderedOverlay.Render(overlay);
        var siloLabels = Manifests.SiloPod(rendered).Path("metadata").Path("labels");
        bool SelectsSilos(YamlMappingNode selector) =>
            selector.Path("matchLabels").Keys().All(k => siloLabels.Text(k) == selector.Path("matchLabels").Text(k));

        var rules = rendered.OfKind("NetworkPolicy")
            .Where(p => SelectsSilos(p.Path("spec").Path("podSelector")))
            .SelectMany(p => p.Path("spec").List("ingress"))
            .ToList();

        Assert.Contains(rules, r =>
            r.List("from").Any(f => f.TryPath("podSelector") is { } selector && SelectsSilos(selector))
            && r.List("ports").Any(p => p.Text("port") == "silo"));
        Assert.Contains(rules, r => !r.List("from").Any() && r.List("ports").Any(p => p.Text("port") == "http"));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Silo_GracePeriod_CoversPreStopDrainAndGrainDeactivation(string overlay)
    {
        var rendered = RenderedOverlay.Render(overlay);
        var silo = Manifests.SiloContainer(rendered);
        var environment = Manifests.EnvironmentOf(rendered, silo);
        var drain = environment.TryGetValue("TICKETCLUSTER__DRAINTIMEOUT", out var configured)
            ? TimeSpan.Parse(configured, CultureInfo.InvariantCulture)
            : new SiloSettings().DrainTimeout;
        var preStop = silo.Path("lifecycle").Path("preStop").TryPath("sleep")?.Text("seconds") is { } seconds ? int.Parse(seconds, CultureInfo.InvariantCulture) : 0;
        var deactivation = new GrainCollectionOptions().DeactivationTimeout;

        var grace = int.Parse(Manifests.SiloPod(rendered).Path("spec").Text("terminationGracePeriodSeconds")!, CultureInfo.InvariantCulture);

        Assert.True(
            grace >= preStop + drain.TotalSeconds + deactivation.TotalSeconds,
            $"{overlay}: grace {grace}s does not cover preStop {preStop}s + drain {drain.TotalSeconds}s + deactivation {deactivation.TotalSeconds}s");
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void SchemaJob_RunsSchemaApplyWithTheSilosImageAndSettings(string overlay)
    {
        var rendered = RenderedOverlay.Render(overlay);
        var silo = Manifests.SiloContainer(rendered);
        var job = rendered.OfKind("Job").Single().Path("spec").Path("template").Path("spec");
        var schema = job.List("containers").Single();
        List<string> Sources(YamlMappingNode container) =>
            [.. container.List("envFrom").Select(s => s.TryPath("configMapRef")?.Text("name") ?? "secret:" + s.Path("secretRef").Text("name"))];

        Assert.Equal(silo.Text("image"), schema.Text("image"));
        Assert.Equal(["schema", "apply"], Strings(schema, "args"));
        Assert.Null(schema.Text("command"));
        Assert.Equal(Sources(silo), Sources(schema));
        Assert.Equal("OnFailure", job.Text("restartPolicy"));
        Assert.Equal("true", job.Path("securityContext").Text("runAsNonRoot"));
        Assert.Equal("true", schema.Path("securityContext").Text("readOnlyRootFilesystem"));
    }

    /// <summary>In production the Job applies the schema before the rollout, so the silos only check it
    /// (docs/orleans.md, section 3.5); the development overlay keeps the default, the silos apply it.</summary>
    [Theory]
    [InlineData("production", "false")]
    [InlineData("dev", null)]
    public void Silo_ApplySchemaOnStart_OffWhereTheJobAppliesIt(string overlay, string? expected)
    {
        var rendered = RenderedOverlay.Render(overlay);
        var environment = Manifests.EnvironmentOf(rendered, Manifests.SiloContainer(rendered));

        Assert.Equal(expected, environment.GetValueOrDefault("TICKETCLUSTER__STORAGE__APPLYSCHEMAONSTART"));
    }

    private static string Port(YamlMappingNode container, string name) =>
        container.List("ports").Single(p => p.Text("name") == name).Text("containerPort")!;

    private static string Setting(Dictionary<string, string> environment, string name, int fallback) =>
        environment.GetValueOrDefault("TICKETCLUSTER__ORLEANS__" + name) ?? fallback.ToString(CultureInfo.InvariantCulture);

    private static List<string> Strings(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlSequenceNode list
            ? [.. list.Children.OfType<YamlScalarNode>().Select(s => s.Value!)]
            : [];
}

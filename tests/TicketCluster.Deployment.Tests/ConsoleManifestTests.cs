namespace TicketCluster.Deployment.Tests;

/// <summary>What the console needs of a cluster (docs/console.md, Sessions across nodes): one key ring on a
/// volume every silo mounts, and circuits kept on their silo by the ingress.</summary>
public sealed class ConsoleManifestTests
{
    public static TheoryData<string> Overlays() => [.. RenderedOverlay.Names];

    [Theory]
    [MemberData(nameof(Overlays))]
    public void ConsoleKeyRing_OnAClaimEverySiloMounts(string overlay)
    {
        var rendered = RenderedOverlay.Render(overlay);
        var silo = Manifests.SiloContainer(rendered);
        var directory = Manifests.EnvironmentOf(rendered, silo)["TICKETCLUSTER__CONSOLE__DATAPROTECTION__KEYDIRECTORY"];

        var mount = silo.List("volumeMounts").Single(m => m.Text("mountPath") == directory);
        var volume = Manifests.SiloPod(rendered).Path("spec").List("volumes").Single(v => v.Text("name") == mount.Text("name"));
        var claim = rendered.Named("PersistentVolumeClaim", volume.Path("persistentVolumeClaim").Text("claimName")!);
        Assert.NotNull(claim.Path("spec").Path("resources"));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void ConsoleCircuits_StickyAtTheIngress_OnlyUnderBlazor(string overlay)
    {
        var ingresses = RenderedOverlay.Render(overlay).OfKind("Ingress").ToList();
        var circuits = ingresses.Single(i => PathsOf(i).Contains("/_blazor"));
        var annotations = circuits.Path("metadata").Path("annotations");

        Assert.Equal("cookie", annotations.Text("nginx.ingress.kubernetes.io/affinity"));
        Assert.Equal("/_blazor", annotations.Text("nginx.ingress.kubernetes.io/session-cookie-path"));
        Assert.Equal(["/_blazor"], PathsOf(circuits));
        Assert.All(ingresses.Where(i => i != circuits), i => Assert.Null(i.Path("metadata").TryPath("annotations")?.Text("nginx.ingress.kubernetes.io/affinity")));
        Assert.All(ingresses, i => Assert.Equal("silo", i.Path("spec").List("rules").SelectMany(r => r.Path("http").List("paths")).Single().Path("backend").Path("service").Text("name")));
    }

    private static List<string?> PathsOf(YamlDotNet.RepresentationModel.YamlMappingNode ingress) =>
        [.. ingress.Path("spec").List("rules").SelectMany(r => r.Path("http").List("paths")).Select(p => p.Text("path"))];
}

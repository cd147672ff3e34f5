using System.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace TicketCluster.Deployment.Tests;

/// <summary>A kustomize overlay rendered by <c>kubectl kustomize</c> and parsed into its objects.</summary>
public sealed class RenderedOverlay
{
    private RenderedOverlay(string name, IReadOnlyList<YamlMappingNode> objects)
    {
        Name = name;
        Objects = objects;
    }

    public string Name { get; }

    public IReadOnlyList<YamlMappingNode> Objects { get; }

    public static readonly string[] Names = ["dev", "production"];

    public static RenderedOverlay Render(string overlay)
    {
        var start = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("kustomize");
        start.ArgumentList.Add(Path.Combine(Repository.Root, "k8s", "overlays", overlay));
        using var process = Process.Start(start) ?? throw new InvalidOperationException("kubectl could not be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill();
            throw new TimeoutException("kubectl kustomize did not finish in 60 s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"kubectl kustomize {overlay} failed: {error}");
        }

        var stream = new YamlStream();
        stream.Load(new StringReader(output.Result));
        var objects = stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().ToList();
        return new RenderedOverlay(overlay, objects);
    }

    public IEnumerable<YamlMappingNode> OfKind(string kind) => Objects.Where(o => o.Text("kind") == kind);

    public YamlMappingNode Named(string kind, string name) =>
        OfKind(kind).Single(o => o.Path("metadata").Text("name") == name);

    /// <summary>Pod templates of every workload.</summary>
    public IEnumerable<(YamlMappingNode Workload, YamlMappingNode PodSpec)> PodSpecs() =>
        Objects
            .Where(o => o.Text("kind") is "Deployment" or "StatefulSet" or "DaemonSet" or "Job")
            .Select(o => (o, o.Path("spec").Path("template").Path("spec")));
}

internal static class Yaml
{
    public static YamlMappingNode Path(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlMappingNode map
            ? map
            : throw new KeyNotFoundException($"no mapping '{key}'");

    public static YamlMappingNode? TryPath(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child as YamlMappingNode : null;

    public static string? Text(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? (child as YamlScalarNode)?.Value : null;

    public static IEnumerable<YamlMappingNode> List(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlSequenceNode list
            ? list.Children.OfType<YamlMappingNode>()
            : [];

    public static IEnumerable<string> Keys(this YamlMappingNode node) =>
        node.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value!);
}

internal static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "TicketCluster.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("TicketCluster.sln not found above the test directory.");
    }
}

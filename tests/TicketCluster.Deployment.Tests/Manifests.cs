using YamlDotNet.RepresentationModel;

namespace TicketCluster.Deployment.Tests;

/// <summary>The parts of a rendered overlay the manifest tests read: the silo's pod and container, and the
/// environment the container gets.</summary>
internal static class Manifests
{
    /// <summary>The silo Deployment's pod template (metadata and spec).</summary>
    public static YamlMappingNode SiloPod(RenderedOverlay rendered) =>
        rendered.Named("Deployment", "silo").Path("spec").Path("template");

    public static YamlMappingNode SiloContainer(RenderedOverlay rendered) =>
        SiloPod(rendered).Path("spec").List("containers").Single(c => c.Text("name") == "silo");

    /// <summary>Every variable the container gets: its own env, and the ConfigMaps and Secrets it imports.</summary>
    public static Dictionary<string, string> EnvironmentOf(RenderedOverlay rendered, YamlMappingNode container)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in container.List("envFrom"))
        {
            if (source.TryPath("configMapRef")?.Text("name") is { } configMap)
            {
                foreach (var (key, value) in Data(rendered.Named("ConfigMap", configMap), "data", decode: false))
                {
                    result[key] = value;
                }
            }

            if (source.TryPath("secretRef")?.Text("name") is { } secret)
            {
                var manifest = rendered.Named("Secret", secret);
                foreach (var (key, value) in Data(manifest, "data", decode: true).Concat(Data(manifest, "stringData", decode: false)))
                {
                    result[key] = value;
                }
            }
        }

        foreach (var variable in container.List("env"))
        {
            result[variable.Text("name")!] = variable.Text("value") ?? "";
        }

        return result;
    }

    public static IEnumerable<(string Key, string Value)> Data(YamlMappingNode manifest, string field, bool decode) =>
        manifest.TryPath(field) is { } data
            ? data.Keys().Select(k => (k, decode ? System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(data.Text(k)!)) : data.Text(k)!))
            : [];
}

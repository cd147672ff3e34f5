using System.Text.Json;
using System.Text.Json.Serialization;

namespace TicketCluster.Client;

/// <summary>
/// The JSON of the API as the client speaks it: camelCase, enumerations as kebab-case strings (the domain's
/// enumerations carry their own converter; this one covers the client's), nulls left out of request bodies.
/// Reading is lenient where the server is strict: a property added by a newer server is ignored, so an
/// older gateway keeps working.
/// </summary>
public static class ClientJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

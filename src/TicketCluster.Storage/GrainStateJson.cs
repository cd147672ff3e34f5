using System.Text.Encodings.Web;
using System.Text.Json;

namespace TicketCluster.Storage;

/// <summary>
/// The JSON of a stored grain state, one definition for the runtime's serializer and the Orleans grain
/// storage providers, so that each reads what the other wrote: System.Text.Json with web defaults
/// (camelCase, case-insensitive reads), UTF-8, text outside ASCII written as it is rather than as
/// <c>\uXXXX</c> escapes (the bytes go to storage and to JSON receivers, never into an HTML page, and a
/// CJK character takes 3 bytes against 6 escaped). Quotes, backslashes and control characters are still
/// escaped, so the output is valid JSON.
/// </summary>
public static class GrainStateJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

using System.Text.Json;

namespace TicketCluster.Domain.Tests.Parties;

/// <summary>The JSON form of a model, used to compare states whose collections compare by reference.</summary>
internal static class Json
{
    public static string Of<T>(T value) => JsonSerializer.Serialize(value);
}

using System.Net;
using System.Text.Json;
using TicketCluster.Silo.Api;

namespace TicketCluster.Silo.Tests.Security;

/// <summary>Checks an answer is the RFC 7807 problem of a stable type.</summary>
public static class ProblemAssert
{
    /// <summary>Asserts the status and the problem's <c>type</c>, <c>title</c> and <c>status</c>; returns the body.</summary>
    public static async Task<JsonElement> IsAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal(Problems.TypeBase + type, body.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("title").GetString()));
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        return body;
    }
}

namespace TicketCluster.Benchmarks.Reminders;

/// <summary>
/// The call a reminder's turn awaits before its state write, standing for a notification sent to another system:
/// a POST to <see cref="ScaleOut.NotificationServer"/> through a client of the silo's own, its connections bounded
/// per server as the node's webhook client bounds them. <see cref="None"/> sends nothing (the turn waits on nothing).
/// </summary>
internal sealed class NotificationSend : IDisposable
{
    private readonly HttpClient? _client;
    private readonly Uri? _endpoint;

    private NotificationSend(HttpClient? client, Uri? endpoint)
    {
        _client = client;
        _endpoint = endpoint;
    }

    public static NotificationSend None { get; } = new(null, null);

    /// <summary>A silo's sender to <paramref name="endpoint"/>, at most <paramref name="connections"/> requests in
    /// flight (the others queue for a connection, as a node's sends do).</summary>
    public static NotificationSend To(Uri endpoint, int connections) =>
        new(new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, UseProxy = false, UseCookies = false }) { Timeout = TimeSpan.FromMinutes(5) }, endpoint);

    public async Task SendAsync(string key)
    {
        if (_client is null)
        {
            return;
        }

        using var content = new StringContent(key);
        using var response = await _client.PostAsync(_endpoint, content);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => _client?.Dispose();
}

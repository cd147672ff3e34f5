using System.Net;
using TicketCluster.Testing;

namespace TicketCluster.Benchmarks.ScaleOut;

/// <summary>
/// The other system a reminder's turn waits on: a loopback HTTP endpoint in this process that answers each POST
/// with 204 after <c>latency</c> (waited through <see cref="TimeProvider"/>), as a notification provider answers a
/// send. It serves requests concurrently, so the wait bounds a sender only through its own connections.
/// </summary>
internal sealed class NotificationServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly TimeSpan _latency;
    private readonly TimeProvider _time;
    private readonly Task _accepting;
    private long _served;

    private NotificationServer(int port, TimeSpan latency, TimeProvider time)
    {
        _latency = latency;
        _time = time;
        Endpoint = new Uri($"http://127.0.0.1:{port}/notify/");
        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri Endpoint { get; }

    public TimeSpan Latency => _latency;

    /// <summary>Requests answered so far.</summary>
    public long Served => Interlocked.Read(ref _served);

    public static NotificationServer Start(TimeSpan latency, TimeProvider time) => new(LoopbackPorts.Free(), latency, time);

    private async Task AcceptAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }

            _ = AnswerAsync(context);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            await context.Request.InputStream.CopyToAsync(Stream.Null);
            await Task.Delay(_latency, _time);
            context.Response.StatusCode = (int)HttpStatusCode.NoContent;
            context.Response.Close();
            Interlocked.Increment(ref _served);
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException)
        {
            // The sender went away (its silo stopped).
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _accepting;
        _listener.Close();
    }
}

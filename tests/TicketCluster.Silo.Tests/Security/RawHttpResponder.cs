using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TicketCluster.Silo.Tests.Security;

/// <summary>
/// A hostile or careless HTTP peer on loopback: it reads each request's head and body, then writes
/// <see cref="Answer"/> byte for byte (which need not be valid HTTP) and holds the connection open until
/// disposed, so a client that waits for more than it was sent waits for ever. It counts connections.
/// </summary>
internal sealed class RawHttpResponder : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private readonly Task _accepting;
    private int _connections;

    public RawHttpResponder(string answer)
    {
        Answer = answer;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public string Answer { get; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Uri Url => new($"http://127.0.0.1:{Port}/hook");

    public int Connections => Volatile.Read(ref _connections);

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
                lock (_open)
                {
                    _open.Add(client);
                }

                _ = AnswerAsync(client);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        try
        {
            var stream = client.GetStream();
            var head = new StringBuilder();
            var buffer = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(buffer, _stop.Token) == 1)
            {
                head.Append((char)buffer[0]);
            }

            var length = head.ToString().Split("\r\n").Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Select(p => int.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
            await stream.ReadExactlyAsync(new byte[length], _stop.Token);
            await stream.WriteAsync(Encoding.ASCII.GetBytes(Answer), _stop.Token);
            await stream.FlushAsync(_stop.Token);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        lock (_open)
        {
            _open.ForEach(c => c.Dispose());
        }

        _stop.Dispose();
    }
}

using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace TicketCluster.Silo.Webhooks;

/// <summary>
/// The <see cref="SocketsHttpHandler.ConnectCallback"/> of the webhook client: resolves the host itself
/// and connects only when every address it resolves to is allowed by the <see cref="AddressPolicy"/>.
/// The check is made on the addresses the socket then connects to, so DNS rebinding (a name that
/// resolves to a public address at configuration time and to an internal one later) cannot bypass it.
/// </summary>
internal sealed class GuardedConnector(AddressPolicy policy)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host.TrimStart('[').TrimEnd(']');
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new HttpRequestException(HttpRequestError.NameResolutionError, $"'{host}' resolves to no address.");
        }

        // All or nothing: a name that resolves to a public and an internal address is not a receiver
        // to trust with a choice between them.
        if (addresses.FirstOrDefault(a => !policy.Allows(a)) is { } refused)
        {
            throw new WebhookAddressRefusedException(host, refused, AddressPolicy.Classify(refused));
        }

        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException exception)
            {
                socket.Dispose();
                last = exception;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }
}

/// <summary>A webhook's host resolved to an address the configuration does not allow (loopback,
/// link-local, metadata, private, ...). Not retried: the events stay in the outbox.</summary>
public sealed class WebhookAddressRefusedException : Exception
{
    public WebhookAddressRefusedException(string host, IPAddress address, AddressKind kind)
        : base($"'{host}' resolves to {address}, a {kind} address that webhooks may not be sent to.")
    {
        Host = host;
        Address = address;
        Kind = kind;
    }

    public WebhookAddressRefusedException()
    {
    }

    public WebhookAddressRefusedException(string message)
        : base(message)
    {
    }

    public WebhookAddressRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string Host { get; } = "";

    public IPAddress Address { get; } = IPAddress.None;

    public AddressKind Kind { get; }
}

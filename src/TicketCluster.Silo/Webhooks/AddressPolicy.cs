using System.Net;

namespace TicketCluster.Silo.Webhooks;

/// <summary>What an IP address is, as far as sending a webhook to it is concerned.</summary>
public enum AddressKind
{
    Public,

    /// <summary>127.0.0.0/8, ::1.</summary>
    Loopback,

    /// <summary>169.254.0.0/16, fe80::/10.</summary>
    LinkLocal,

    /// <summary>Cloud instance metadata services: 169.254.169.254 and fd00:ec2::254 (AWS, GCP, Azure),
    /// 100.100.100.200 (Alibaba Cloud), 168.63.129.16 (Azure host).</summary>
    Metadata,

    /// <summary>0.0.0.0/8, ::.</summary>
    Unspecified,

    /// <summary>10/8, 172.16/12, 192.168/16, 100.64/10 (carrier-grade NAT), fc00::/7.</summary>
    Private,

    /// <summary>Multicast, broadcast and reserved ranges (224/4, 240/4, ff00::/8).</summary>
    Reserved,
}

/// <summary>
/// Which addresses webhooks may be sent to: public ones, plus what the configuration allows. Checked on
/// the address a connection is about to use (after DNS resolution), so a name that resolves to an
/// internal address, or starts to (DNS rebinding), is refused.
/// </summary>
public sealed class AddressPolicy(bool allowLoopback, bool allowPrivate, IReadOnlyList<IPNetwork> allowedNetworks)
{
    private static readonly IPAddress[] MetadataAddresses =
    [
        IPAddress.Parse("169.254.169.254"), IPAddress.Parse("fd00:ec2::254"), IPAddress.Parse("100.100.100.200"), IPAddress.Parse("168.63.129.16"),
    ];

    private static readonly (IPNetwork Network, AddressKind Kind)[] Ranges =
    [
        (IPNetwork.Parse("0.0.0.0/8"), AddressKind.Unspecified),
        (IPNetwork.Parse("127.0.0.0/8"), AddressKind.Loopback),
        (IPNetwork.Parse("169.254.0.0/16"), AddressKind.LinkLocal),
        (IPNetwork.Parse("10.0.0.0/8"), AddressKind.Private),
        (IPNetwork.Parse("172.16.0.0/12"), AddressKind.Private),
        (IPNetwork.Parse("192.168.0.0/16"), AddressKind.Private),
        (IPNetwork.Parse("100.64.0.0/10"), AddressKind.Private),
        (IPNetwork.Parse("224.0.0.0/4"), AddressKind.Reserved),
        (IPNetwork.Parse("240.0.0.0/4"), AddressKind.Reserved),
        (IPNetwork.Parse("::/128"), AddressKind.Unspecified),
        (IPNetwork.Parse("::1/128"), AddressKind.Loopback),
        (IPNetwork.Parse("fe80::/10"), AddressKind.LinkLocal),
        (IPNetwork.Parse("fc00::/7"), AddressKind.Private),
        (IPNetwork.Parse("ff00::/8"), AddressKind.Reserved),
    ];

    public static AddressPolicy From(WebhookSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new(settings.AllowLoopback, settings.AllowPrivateAddresses, settings.AllowedNetworks);
    }

    /// <summary>The kind of <paramref name="address"/>; an IPv4 address mapped into IPv6
    /// (<c>::ffff:127.0.0.1</c>) is judged as the IPv4 address it carries.</summary>
    public static AddressKind Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (Array.IndexOf(MetadataAddresses, address) >= 0)
        {
            return AddressKind.Metadata;
        }

        foreach (var (network, kind) in Ranges)
        {
            if (network.BaseAddress.AddressFamily == address.AddressFamily && network.Contains(address))
            {
                return kind;
            }
        }

        return AddressKind.Public;
    }

    /// <summary>Whether a webhook may be sent to <paramref name="address"/>.</summary>
    public bool Allows(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var judged = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (allowedNetworks.Any(n => n.BaseAddress.AddressFamily == judged.AddressFamily && n.Contains(judged)))
        {
            return true;
        }

        return Classify(judged) switch
        {
            AddressKind.Public => true,
            AddressKind.Loopback => allowLoopback,
            AddressKind.Private => allowPrivate,
            _ => false,
        };
    }

    /// <summary>Whether <paramref name="host"/> names an address that is refused without resolving
    /// anything: an IP literal this policy refuses, or <c>localhost</c> when loopback is refused.</summary>
    public bool RefusesLiteral(string host, out AddressKind kind)
    {
        ArgumentNullException.ThrowIfNull(host);
        var bare = host.TrimStart('[').TrimEnd(']');
        if (IPAddress.TryParse(bare, out var literal))
        {
            kind = Classify(literal);
            return !Allows(literal);
        }

        bool isLocalhost = bare.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || bare.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
        kind = isLocalhost ? AddressKind.Loopback : AddressKind.Public;
        return isLocalhost && !allowLoopback && !allowedNetworks.Any(n => n.Contains(IPAddress.Loopback));
    }
}

using System.Net;
using TicketCluster.Silo.Webhooks;

namespace TicketCluster.Silo.Tests.Webhooks;

public sealed class AddressPolicyTests
{
    private static readonly AddressPolicy Strict = new(false, false, []);

    [Theory]
    [InlineData("127.0.0.1", AddressKind.Loopback)]
    [InlineData("127.8.9.10", AddressKind.Loopback)]
    [InlineData("::1", AddressKind.Loopback)]
    [InlineData("::ffff:127.0.0.1", AddressKind.Loopback)]
    [InlineData("169.254.1.1", AddressKind.LinkLocal)]
    [InlineData("fe80::1", AddressKind.LinkLocal)]
    [InlineData("169.254.169.254", AddressKind.Metadata)]
    [InlineData("fd00:ec2::254", AddressKind.Metadata)]
    [InlineData("100.100.100.200", AddressKind.Metadata)]
    [InlineData("0.0.0.0", AddressKind.Unspecified)]
    [InlineData("::", AddressKind.Unspecified)]
    [InlineData("10.1.2.3", AddressKind.Private)]
    [InlineData("172.31.255.255", AddressKind.Private)]
    [InlineData("192.168.0.1", AddressKind.Private)]
    [InlineData("100.64.0.1", AddressKind.Private)]
    [InlineData("fd12:3456::1", AddressKind.Private)]
    [InlineData("224.0.0.1", AddressKind.Reserved)]
    [InlineData("255.255.255.255", AddressKind.Reserved)]
    [InlineData("ff02::1", AddressKind.Reserved)]
    [InlineData("172.32.0.1", AddressKind.Public)]
    [InlineData("93.184.216.34", AddressKind.Public)]
    [InlineData("2606:4700::1111", AddressKind.Public)]
    public void Classify_Address_NamesItsKind(string address, AddressKind expected) =>
        Assert.Equal(expected, AddressPolicy.Classify(IPAddress.Parse(address)));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("10.0.0.1")]
    [InlineData("fe80::1")]
    public void Allows_InternalAddressByDefault_Refused(string address) =>
        Assert.False(Strict.Allows(IPAddress.Parse(address)));

    [Fact]
    public void Allows_AllowancesGiven_OnlyTheirKindsPass()
    {
        var loopback = new AddressPolicy(allowLoopback: true, allowPrivate: false, []);
        var priv = new AddressPolicy(allowLoopback: false, allowPrivate: true, []);
        var network = new AddressPolicy(false, false, [IPNetwork.Parse("169.254.10.0/24")]);

        Assert.True(loopback.Allows(IPAddress.Loopback));
        Assert.False(loopback.Allows(IPAddress.Parse("10.0.0.1")));
        Assert.True(priv.Allows(IPAddress.Parse("10.0.0.1")));
        Assert.False(priv.Allows(IPAddress.Loopback));
        Assert.False(priv.Allows(IPAddress.Parse("169.254.169.254")));
        Assert.True(network.Allows(IPAddress.Parse("169.254.10.7")));
        Assert.False(network.Allows(IPAddress.Parse("169.254.169.254")));
        Assert.True(Strict.Allows(IPAddress.Parse("93.184.216.34")));
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("[::1]", true)]
    [InlineData("localhost", true)]
    [InlineData("api.localhost", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("hooks.example.com", false)]
    [InlineData("93.184.216.34", false)]
    public void RefusesLiteral_Host_RefusedWithoutResolving(string host, bool refused) =>
        Assert.Equal(refused, Strict.RefusesLiteral(host, out _));
}

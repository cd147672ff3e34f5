using System.Security.Cryptography;
using System.Text;
using TicketCluster.Silo.Webhooks;

namespace TicketCluster.Silo.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    private const string Secret = "whsec-0123456789abcdef";

    [Fact]
    public void Compute_TimestampAndBody_IsHexHmacOfTimestampDotBody()
    {
        var body = Encoding.UTF8.GetBytes("{\"ticketId\":\"tk-1\"}");

        var signature = WebhookSignature.Compute(Secret, 1_700_000_000, body);

        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes("1700000000.{\"ticketId\":\"tk-1\"}")));
        Assert.Equal("sha256=" + expected, signature);
    }

    [Fact]
    public void Verify_TamperedBodyTimestampOrSecret_False()
    {
        var body = Encoding.UTF8.GetBytes("{\"n\":1}");
        var signature = WebhookSignature.Compute(Secret, 42, body);

        Assert.True(WebhookSignature.Verify(Secret, "42", signature, body));
        Assert.False(WebhookSignature.Verify(Secret, "43", signature, body));
        Assert.False(WebhookSignature.Verify(Secret, "42", signature, Encoding.UTF8.GetBytes("{\"n\":2}")));
        Assert.False(WebhookSignature.Verify("another-secret-of-16+", "42", signature, body));
        Assert.False(WebhookSignature.Verify(Secret, null, signature, body));
        Assert.False(WebhookSignature.Verify(Secret, "42", null, body));
    }
}

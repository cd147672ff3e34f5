using Microsoft.IdentityModel.JsonWebTokens;
using TicketCluster.LoadGen.Lifecycle;
using TicketCluster.LoadGen.Tokens;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Configuration;

namespace TicketCluster.LoadGen.Tests.Tokens;

public sealed class SigningKeyTokenSourceTests
{
    private const string Key = "a-signing-key-of-at-least-32-characters";

    [Fact]
    public async Task GetAsync_Merchant_ValidForTheSiloWithRoleAndMerchantClaims()
    {
        var source = new SigningKeyTokenSource(Key, "ticketcluster", "ticketcluster-api", TimeSpan.FromHours(1), TimeProvider.System);
        var token = await source.GetAsync(LoadRole.Merchant, "m-7", CancellationToken.None);

        var parameters = TokenIssuer.ValidationParameters(new SiloSettings(), SigningKeys.Decode(Key));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, parameters);

        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal("merchant", result.Claims["role"]);
        Assert.Equal("m-7", result.Claims["merchant_id"]);
        Assert.Equal("loadgen-m-7", result.Claims["sub"]);
    }

    [Fact]
    public async Task GetAsync_SameRoleTwice_SameToken()
    {
        var source = new SigningKeyTokenSource(Key, "i", "a", TimeSpan.FromHours(1), TimeProvider.System);

        Assert.Equal(await source.GetAsync(LoadRole.Agent, null, CancellationToken.None), await source.GetAsync(LoadRole.Agent, null, CancellationToken.None));
    }

    [Fact]
    public void Decode_LikeTheSilo_Base64OrLongTextElseNull()
    {
        var base64 = Convert.ToBase64String(new byte[32]);

        Assert.Equal(SigningKeys.Decode(base64), SigningKeyTokenSource.Decode(base64));
        Assert.Equal(SigningKeys.Decode(Key), SigningKeyTokenSource.Decode(Key));
        Assert.Null(SigningKeyTokenSource.Decode("short"));
        Assert.Throws<ArgumentException>(() => new SigningKeyTokenSource("short", "i", "a", TimeSpan.FromHours(1), TimeProvider.System));
    }
}

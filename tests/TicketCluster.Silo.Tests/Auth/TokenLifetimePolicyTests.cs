using TicketCluster.Silo.Auth;

namespace TicketCluster.Silo.Tests.Auth;

public sealed class TokenLifetimePolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);
    private static readonly TimeSpan Max = TimeSpan.FromHours(24);

    [Fact]
    public void IsTooLong_AtTheMaximumFromIssuedAt_IsFalse() =>
        Assert.False(TokenLifetimePolicy.IsTooLong(Now, Now.AddMinutes(-1), Now + Max, Now, Max));

    [Fact]
    public void IsTooLong_OverTheMaximumFromIssuedAt_IsTrue() =>
        Assert.True(TokenLifetimePolicy.IsTooLong(Now, Now, Now + Max + TimeSpan.FromSeconds(1), Now, Max));

    [Fact]
    public void IsTooLong_WithoutIssuedAt_CountsFromNotBefore() =>
        Assert.True(TokenLifetimePolicy.IsTooLong(null, Now.AddDays(-2), Now.AddHours(1), Now, Max));

    [Fact]
    public void IsTooLong_WithoutIssuedAtOrNotBefore_CountsFromNow()
    {
        Assert.False(TokenLifetimePolicy.IsTooLong(null, null, Now.AddHours(23), Now, Max));
        Assert.True(TokenLifetimePolicy.IsTooLong(null, null, Now.AddYears(10), Now, Max));
    }

    [Fact]
    public void IsTooLong_WithoutExpiry_IsTrue() =>
        Assert.True(TokenLifetimePolicy.IsTooLong(Now, Now, null, Now, Max));
}

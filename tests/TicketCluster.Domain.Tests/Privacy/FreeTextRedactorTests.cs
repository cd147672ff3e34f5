using TicketCluster.Domain.Privacy;

namespace TicketCluster.Domain.Tests.Privacy;

public sealed class FreeTextRedactorTests
{
    [Theory]
    [InlineData("Call me on 13812341234 please", "Call me on 138****1234 please")]
    [InlineData("电话 138 1234 1234。", "电话 138****1234。")]
    [InlineData("reach me at +86 138-1234-1234", "reach me at +86 138****1234")]
    [InlineData("office 0571-8888 0000", "office 057*****0000")]
    public void Redact_PhoneNumbers_MaskedLikeThePhoneField(string text, string expected) =>
        Assert.Equal(expected, FreeTextRedactor.Redact(text));

    [Fact]
    public void Redact_EmailAddress_MaskedLikeTheEmailField() =>
        Assert.Equal("write to a***@example.com today", FreeTextRedactor.Redact("write to alice@example.com today"));

    [Theory]
    [InlineData("身份证 11010519491231002X 已提供", "身份证 ****************** 已提供")]
    [InlineData("ID 110105491231002", "ID ***************")]
    public void Redact_ChineseIdNumbers_HiddenWhole(string text, string expected) =>
        Assert.Equal(expected, FreeTextRedactor.Redact(text));

    [Theory]
    // The Chinese text run before the road goes with it (the city and district it names): more is hidden, never less.
    [InlineData("寄到杭州市西湖区文三路 100 号3栋402室，谢谢", "[address]，谢谢")]
    [InlineData("I live at 1 Chang'an Avenue, Beijing", "I live at [address], Beijing")]
    [InlineData("deliver to 221B Baker Street.", "deliver to [address].")]
    public void Redact_StreetAddresses_Removed(string text, string expected) =>
        Assert.Equal(expected, FreeTextRedactor.Redact(text));

    [Theory]
    [InlineData("The kettle arrived on 2026-11-05 with a cracked lid; order o-20261105-0001, paid 199.00 CNY.")]
    [InlineData("Tracking SF1234567890123, 3 items, model K-1.")]
    [InlineData("水壶盖子裂了，订单 20261105001")]
    public void Redact_NoPersonalData_TextUnchanged(string text) =>
        Assert.Equal(text, FreeTextRedactor.Redact(text));
}

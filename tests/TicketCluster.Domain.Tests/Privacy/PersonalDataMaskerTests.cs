using TicketCluster.Domain.Privacy;

namespace TicketCluster.Domain.Tests.Privacy;

public sealed class PersonalDataMaskerTests
{
    [Theory]
    [InlineData("张三", "张*")]
    [InlineData("欧阳娜娜", "欧***")]
    [InlineData("李小龙", "李**")]
    [InlineData("  王五 ", "王*")]
    [InlineData("張學友", "張**")]
    [InlineData("阿卜杜拉·买买提", "阿***·买**")]
    [InlineData("Alice Smith", "A**** S****")]
    [InlineData("alice  smith", "a**** s****")]
    [InlineData("Mary-Jane O'Neil", "M***-J*** O'N***")]
    [InlineData("J. R. Tolkien", "J. R. T******")]
    [InlineData("Ｂｏｂ", "B**")]
    [InlineData("张", "*")]
    [InlineData("Z", "*")]
    [InlineData("", "")]
    [InlineData("   ", "")]
    public void MaskName_Examples_KeepFirstCharacterOfEachPart(string name, string expected) =>
        Assert.Equal(expected, PersonalDataMasker.MaskName(name));

    [Fact]
    public void MaskName_SurrogatePairSurname_MasksPerCharacterNotPerCodeUnit() =>
        Assert.Equal("𠀋**", PersonalDataMasker.MaskName("𠀋小明"));

    [Theory]
    [InlineData("13812341234", "138****1234")]
    [InlineData("138 1234 1234", "138****1234")]
    [InlineData("138-1234-1234", "138****1234")]
    [InlineData("+86 138 1234 1234", "+86 138****1234")]
    [InlineData("+8613812341234", "+86 138****1234")]
    [InlineData("0086-13812341234", "+86 138****1234")]
    [InlineData("008613812341234", "+86 138****1234")]
    [InlineData("0086", "***")]
    [InlineData("8613812341234", "+86 138****1234")]
    [InlineData("１３８１２３４１２３４", "138****1234")]
    [InlineData("010-62345678", "010****5678")]
    [InlineData("62345678", "****5678")]
    [InlineData("6234567", "****567")]
    [InlineData("+852 9123 4567", "+852 ****4567")]
    [InlineData("+44 20 7946 0958", "+44 20****0958")]
    [InlineData("+1 (415) 555-2671", "+1 41****2671")]
    [InlineData("12315", "*****")]
    [InlineData("110", "***")]
    [InlineData("unknown", "***")]
    [InlineData("", "***")]
    public void MaskPhone_Examples_ShowPrefixAndLastDigitsOnly(string phone, string expected) =>
        Assert.Equal(expected, PersonalDataMasker.MaskPhone(phone));

    [Theory]
    [InlineData("alice@example.com", "a***@example.com")]
    [InlineData("Alice.Smith+shop@Example.COM", "A***@Example.COM")]
    [InlineData("张三@example.cn", "张***@example.cn")]
    [InlineData("ab@qq.com", "a***@qq.com")]
    [InlineData("a@qq.com", "***@qq.com")]
    [InlineData("  bob@163.com ", "b***@163.com")]
    [InlineData("ｂｏｂ＠１６３．ｃｏｍ", "b***@163.com")]
    [InlineData("\"odd@local\"@example.com", "\"***@example.com")]
    [InlineData("not-an-email", "***")]
    [InlineData("", "***")]
    public void MaskEmail_Examples_KeepFirstCharacterAndDomain(string email, string expected) =>
        Assert.Equal(expected, PersonalDataMasker.MaskEmail(email));

    [Theory]
    [InlineData("广东省深圳市南山区科技园科苑路15号", "深圳市")]
    [InlineData("北京市朝阳区建国路88号", "北京市")]
    [InlineData("北京朝阳区建国路88号", "北京市")]
    [InlineData("上海市浦东新区世纪大道100号", "上海市")]
    [InlineData("重庆市渝中区解放碑", "重庆市")]
    [InlineData("中国浙江省杭州市西湖区文三路1号", "杭州市")]
    [InlineData("江苏省苏州市昆山市玉山镇", "苏州市")]
    [InlineData("新疆维吾尔自治区喀什地区喀什市", "喀什地区")]
    [InlineData("内蒙古自治区锡林郭勒盟锡林浩特市", "锡林郭勒盟")]
    [InlineData("湖北省恩施土家族苗族自治州恩施市", "恩施土家族苗族自治州")]
    [InlineData("广西壮族自治区南宁市青秀区", "南宁市")]
    [InlineData("深圳市南山区粤海街道", "深圳市")]
    [InlineData("廣東省廣州市天河區體育西路", "廣州市")]
    [InlineData("臺北市大安區忠孝東路", "臺北市")]
    [InlineData("香港九龍旺角彌敦道", "香港")]
    [InlineData("广东省 深圳市 南山区", "深圳市")]
    [InlineData("广东省东莞长安镇市场路3号", "广东省")]
    [InlineData("南山区科技园科苑路15号", "")]
    [InlineData("12 Baker St, London NW1, UK", "London")]
    [InlineData("221B Baker Street, London NW1 6XE, United Kingdom", "London")]
    [InlineData("10 Downing Street, London SW1A 2AA", "London")]
    [InlineData("1600 Amphitheatre Pkwy, Mountain View, CA 94043, USA", "Mountain View")]
    [InlineData("350 Fifth Avenue, New York, NY 10118", "New York")]
    [InlineData("Unter den Linden 1, 10117 Berlin, Germany", "Berlin")]
    [InlineData("8 Rue de Rivoli, 75001 Paris, France", "Paris")]
    [InlineData("Flat 3, 12 Baker St", "")]
    [InlineData("12 Baker St London", "")]
    [InlineData("", "")]
    public void CityOnly_Examples_ReturnCityOrNothing(string address, string expected) =>
        Assert.Equal(expected, PersonalDataMasker.CityOnly(address));

    [Fact]
    public void Maskers_Null_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => PersonalDataMasker.MaskName(null!));
        Assert.Throws<ArgumentNullException>(() => PersonalDataMasker.MaskPhone(null!));
        Assert.Throws<ArgumentNullException>(() => PersonalDataMasker.MaskEmail(null!));
        Assert.Throws<ArgumentNullException>(() => PersonalDataMasker.CityOnly(null!));
    }
}

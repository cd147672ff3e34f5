using TicketCluster.Domain.Classification;

namespace TicketCluster.Domain.Tests.Classification;

public sealed class TicketClassifierTableTests
{
    [Theory]
    // English
    [InlineData("The charger caught fire and burned my hand", TicketCategory.ProductQuality, Severity.Urgent)]
    [InlineData("My son got an electric shock from the kettle", TicketCategory.ProductQuality, Severity.Urgent)]
    [InlineData("The cream caused an allergic reaction", TicketCategory.ProductQuality, Severity.Urgent)]
    [InlineData("FIRE! The TOASTER EXPLODED", TicketCategory.ProductQuality, Severity.Urgent)]
    [InlineData("Screen is broken and I will contact a journalist", TicketCategory.ProductQuality, Severity.Urgent)]
    [InlineData("I am going to file a lawsuit", TicketCategory.Other, Severity.Urgent)]
    [InlineData("Package never arrived, tracking shows nothing", TicketCategory.Logistics, Severity.Normal)]
    [InlineData("The agent was rude and hung up on me", TicketCategory.ServiceAttitude, Severity.Normal)]
    [InlineData("I was overcharged, the price went down the next day", TicketCategory.Price, Severity.Normal)]
    [InlineData("I need an invoice for my company", TicketCategory.Invoice, Severity.Normal)]
    [InlineData("How to use the pairing? I cannot connect", TicketCategory.InstallationUsage, Severity.Normal)]
    [InlineData("This bag is a fake", TicketCategory.Counterfeit, Severity.Serious)]
    [InlineData("Ｔｈｉｓ ｉｓ ａ ＦＡＫＥ", TicketCategory.Counterfeit, Severity.Serious)]
    [InlineData("The seller refused to refund and cites the return policy", TicketCategory.ReturnPolicy, Severity.Normal)]
    [InlineData("I love the suede jacket but the zipper is broken", TicketCategory.ProductQuality, Severity.Normal)]
    [InlineData("The seller fired back a one-word answer", TicketCategory.Other, Severity.Normal)]
    [InlineData("Hello", TicketCategory.Other, Severity.Normal)]
    // Simplified Chinese
    [InlineData("充电宝起火了，差点伤到孩子", TicketCategory.ProductQuality, Severity.Urgent)]
    [InlineData("孩子用了之后过敏，皮肤红肿", TicketCategory.ProductQuality, Severity.Urgent)]
    [InlineData("电水壶漏电，手被电击了", TicketCategory.ProductQuality, Severity.Urgent)]
    [InlineData("再不处理我就打12315投诉", TicketCategory.Other, Severity.Urgent)]
    [InlineData("我要找媒体曝光你们", TicketCategory.Other, Severity.Urgent)]
    [InlineData("我要去法院起诉你们", TicketCategory.Other, Severity.Urgent)]
    [InlineData("快递三天了还没收到", TicketCategory.Logistics, Severity.Normal)]
    [InlineData("客服态度很差，直接挂电话", TicketCategory.ServiceAttitude, Severity.Normal)]
    [InlineData("收到的是假货，要求退一赔三", TicketCategory.Counterfeit, Severity.Serious)]
    [InlineData("买了两天就降价了，要求补差价", TicketCategory.Price, Severity.Normal)]
    [InlineData("发票一直没开", TicketCategory.Invoice, Severity.Normal)]
    [InlineData("师傅不会安装，说明书也看不懂", TicketCategory.InstallationUsage, Severity.Normal)]
    [InlineData("商家拒绝退货，说不支持七天无理由", TicketCategory.ReturnPolicy, Severity.Normal)]
    [InlineData("衣服质量太差，洗一次就掉色", TicketCategory.ProductQuality, Severity.Normal)]
    // Traditional Chinese
    [InlineData("充電器著火，差點燒傷", TicketCategory.ProductQuality, Severity.Urgent)]
    [InlineData("用了之後過敏", TicketCategory.ProductQuality, Severity.Urgent)]
    [InlineData("機器觸電，家人受傷送醫", TicketCategory.ProductQuality, Severity.Urgent)]
    [InlineData("我會向消委會投訴", TicketCategory.Other, Severity.Urgent)]
    [InlineData("再不處理就找記者曝光", TicketCategory.Other, Severity.Urgent)]
    [InlineData("快遞一直沒收到", TicketCategory.Logistics, Severity.Normal)]
    [InlineData("客服態度很差", TicketCategory.ServiceAttitude, Severity.Normal)]
    [InlineData("買到假貨，要求退款", TicketCategory.Counterfeit, Severity.Serious)]
    [InlineData("發票抬頭開錯了", TicketCategory.Invoice, Severity.Normal)]
    [InlineData("剛買就降價，要求補差價", TicketCategory.Price, Severity.Normal)]
    [InlineData("不會用，說明書看不懂", TicketCategory.InstallationUsage, Severity.Normal)]
    [InlineData("商家拒絕退貨", TicketCategory.ReturnPolicy, Severity.Normal)]
    [InlineData("品質很差，穿一次就破損", TicketCategory.ProductQuality, Severity.Normal)]
    // Mixed scripts
    [InlineData("The 快递 lost my parcel", TicketCategory.Logistics, Severity.Normal)]
    public void Classify_Description_CategoryAndSeverityFromKeywords(string description, TicketCategory category, Severity severity)
    {
        var result = TicketClassifier.Default.Classify(Input(description));

        Assert.Equal(category, result.Category);
        Assert.Equal(severity, result.Severity);
    }

    internal static ClassificationInput Input(string description) =>
        new(description, null, null, CustomerTier.Regular, null, 0, false);
}

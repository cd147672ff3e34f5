using TicketCluster.Domain;
using TicketCluster.Domain.Classification;
using TicketCluster.LoadGen.Text;

namespace TicketCluster.LoadGen.Tests.Text;

public sealed class ComplaintTextsTests
{
    private static Severity Classify(string text, TicketCategory? category = null) =>
        TicketClassifier.Default.Classify(new ClassificationInput(text, category, null, CustomerTier.Regular, null, 0, false)).Severity;

    [Fact]
    public void OrdinaryTemplates_NoCounterfeitClaim_ClassifiedNormal()
    {
        var ordinary = ComplaintTexts.OrdinaryTemplates().Select(t => string.Format(System.Globalization.CultureInfo.InvariantCulture, t, "kettle"));

        Assert.All(ordinary, text => Assert.NotEqual(Severity.Urgent, Classify(text)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Complaint_WithSafety_ClassifiedUrgentInBothLanguages(bool chinese)
    {
        var random = new Random(11);
        foreach (var category in Enum.GetValues<TicketCategory>())
        {
            for (var n = 0; n < 10; n++)
            {
                var text = ComplaintTexts.Complaint(random, category, chinese, safety: true);
                Assert.Equal(Severity.Urgent, Classify(text, category));
            }
        }
    }

    [Theory]
    [InlineData(TicketCategory.Logistics)]
    [InlineData(TicketCategory.ProductQuality)]
    [InlineData(TicketCategory.Invoice)]
    public void Complaint_Ordinary_NormalAndInTheRequestedLanguage(TicketCategory category)
    {
        var random = new Random(12);
        var chinese = ComplaintTexts.Complaint(random, category, chinese: true, safety: false);
        var english = ComplaintTexts.Complaint(random, category, chinese: false, safety: false);

        Assert.Contains(chinese, c => c is >= '\u4e00' and <= '\u9fff');
        Assert.DoesNotContain(english, c => c is >= '\u4e00' and <= '\u9fff');
        Assert.Equal(Severity.Normal, Classify(chinese, category));
        Assert.Equal(Severity.Normal, Classify(english, category));
    }
}

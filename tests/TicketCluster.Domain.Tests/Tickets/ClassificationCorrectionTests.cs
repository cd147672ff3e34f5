using TicketCluster.Domain.Classification;
using TicketCluster.Domain.Tickets;
using static TicketCluster.Domain.Tests.Tickets.TicketFixtures;

namespace TicketCluster.Domain.Tests.Tickets;

/// <summary>The opening classification and its reasons stay on the ticket; corrections carry it beside the new value.</summary>
public sealed class ClassificationCorrectionTests
{
    private static readonly ClassificationReason Shock = new(ClassificationRule.SafetyWord, "被电", null, "zh-CN", "electric-shock");

    [Fact]
    public void Open_WithReasons_StateKeepsOpeningClassification()
    {
        var driver = new TicketDriver();

        driver.Must(Open(Severity.Urgent) with { ClassificationReasons = [Shock] });

        Assert.Equal(new[] { Shock }, driver.Ticket.Classified!.Reasons);
        Assert.Equal(Severity.Urgent, driver.Ticket.Classified.Severity);
    }

    [Fact]
    public void ChangeSeverity_AfterClassifiedOpen_EventCarriesOpeningClassificationWhichStays()
    {
        var driver = new TicketDriver();
        driver.Must(Open(Severity.Urgent) with { ClassificationReasons = [Shock] });

        var events = driver.Must(new ChangeSeverity(Severity.Normal, "Static from a carpet, not the product.") { Actor = Agent });

        var changed = Assert.Single(events.OfType<SeverityChanged>());
        Assert.Equal((Severity.Urgent, Severity.Normal), (changed.From, changed.To));
        Assert.Equal(Severity.Urgent, changed.Classified!.Severity);
        Assert.Equal(new[] { Shock }, changed.Classified.Reasons);
        Assert.Equal(Severity.Normal, driver.Ticket.Severity);
        Assert.Equal(Severity.Urgent, driver.Ticket.Classified!.Severity);
    }

    [Fact]
    public void ChangeCategory_AfterClassifiedOpen_EventCarriesOpeningClassification()
    {
        var driver = new TicketDriver();
        driver.Must(Open() with { ClassificationReasons = [Shock] });

        var events = driver.Must(new ChangeCategory(TicketCategory.InstallationUsage, "Wired wrongly by the fitter.") { Actor = Agent });

        var changed = Assert.Single(events.OfType<CategoryChanged>());
        Assert.Equal(driver.Ticket.Classified, changed.Classified);
        Assert.Equal(TicketCategory.InstallationUsage, driver.Ticket.Category);
    }
}

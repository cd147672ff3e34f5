using System.Reflection;
using System.Text.Json;
using TicketCluster.Client;
using TicketCluster.WebConsole.Api;
using TicketCluster.WebConsole.Text;

namespace TicketCluster.WebConsole.Tests;

public sealed class CommandFormsTests
{
    [Fact]
    public void Knows_EveryCommandOfTheClient_HasAFormAndWords()
    {
        var commands = typeof(TicketCommands).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToList();

        Assert.NotEmpty(commands);
        Assert.All(commands, c => Assert.True(CommandForms.Knows(c), c));
        Assert.All(commands, c => Assert.NotEqual(c, ConsoleText.For(ConsoleText.ChineseCode).Of("Command", c)));
        Assert.All(commands.SelectMany(CommandForms.For), f => Assert.NotEqual("field." + f.Path, ConsoleText.For("en")["field." + f.Path]));
    }

    [Fact]
    public void For_EveryChoice_HasAWordForEachValue()
    {
        var commands = typeof(TicketCommands).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!);
        var choices = commands.SelectMany(CommandForms.For).Where(f => f.Kind == FieldKind.Choice).ToList();

        // Every Chinese word differs from the API's name; the dictionaries share their keys (ConsoleTextTests).
        var chinese = ConsoleText.For(ConsoleText.ChineseCode);
        Assert.NotEmpty(choices);
        Assert.All(choices.SelectMany(f => f.Choices!.Select(v => (Type: f.ChoiceType!, Value: v))), c => Assert.NotEqual(c.Value, chinese.Of(c.Type, c.Value)));
    }

    [Fact]
    public void Body_NestedAndMoneyFields_BuiltAsTheApiReadsThem()
    {
        var errors = new Dictionary<string, string>();
        var body = CommandForms.Body(
            TicketCommands.ProposeResolution,
            new Dictionary<string, string?> { ["plan.kind"] = "refund", ["plan.amount"] = "199.50", ["plan.amount.currency"] = "CNY", ["plan.note"] = "" },
            errors,
            "required",
            "number");

        Assert.Empty(errors);
        Assert.Equal("""{"plan":{"kind":"refund","amount":{"amount":199.50,"currency":"CNY"}}}""", JsonSerializer.Serialize(body));
    }

    [Fact]
    public void Body_RequiredChoiceEmptyAndBadNumber_ReportedByPathAndNothingBuilt()
    {
        var errors = new Dictionary<string, string>();

        var body = CommandForms.Body(TicketCommands.Satisfaction, new Dictionary<string, string?> { ["score"] = "five" }, errors, "required", "number");
        var severity = CommandForms.Body(TicketCommands.ChangeSeverity, new Dictionary<string, string?> { ["reason"] = "r" }, errors, "required", "number");

        Assert.Null(body);
        Assert.Null(severity);
        Assert.Equal("number", errors["score"]);
        Assert.Equal("required", errors["severity"]);
    }

    [Fact]
    public void FormPath_ApiErrorPath_MatchesTheFormField()
    {
        Assert.Equal("evidence.0.url", CommandForms.FormPath("evidence[0].url"));
        Assert.Equal("plan.amount", CommandForms.FormPath("$.plan.amount"));
    }
}

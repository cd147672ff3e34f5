using System.Reflection;
using TicketCluster.WebConsole.Text;

namespace TicketCluster.WebConsole.Tests;

public sealed class ConsoleTextTests
{
    [Fact]
    public void Languages_EveryDictionary_HasTheSameKeys()
    {
        var english = Words("English");
        var chinese = Words("SimplifiedChinese");

        Assert.Empty(english.Keys.Except(chinese.Keys));
        Assert.Empty(chinese.Keys.Except(english.Keys));
    }

    [Fact]
    public void For_UnknownLanguage_English()
    {
        Assert.Equal(ConsoleText.EnglishCode, ConsoleText.For("fr").Language);
        Assert.Equal("登录", ConsoleText.For(ConsoleText.ChineseCode)["signIn.title"]);
    }

    [Fact]
    public void Of_ValueWithoutWord_ShownAsTheApiNamesIt()
    {
        Assert.Equal("pending approval", ConsoleText.For("en").Of("TicketStatus", "pending-approval"));
        Assert.Equal("buyer-remorse", ConsoleText.For("en").Of("DeclineReason", "buyer-remorse"));
    }

    private static IReadOnlyDictionary<string, string> Words(string language) =>
        (IReadOnlyDictionary<string, string>)typeof(ConsoleText).Assembly.GetType("TicketCluster.WebConsole.Text." + language)!
            .GetField("Words", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
}

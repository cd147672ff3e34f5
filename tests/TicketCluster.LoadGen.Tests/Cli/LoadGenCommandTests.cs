using Spectre.Console;
using TicketCluster.LoadGen.Cli;

namespace TicketCluster.LoadGen.Tests.Cli;

public sealed class LoadGenCommandTests
{
    [Theory]
    [InlineData("--url", "http://127.0.0.1:1/")]
    [InlineData("--url", "http://127.0.0.1:1/", "--signing-key", "a-signing-key-of-at-least-32-characters", "--token-command", "token")]
    [InlineData("--url", "http://127.0.0.1:1/", "--signing-key", "short")]
    [InlineData("--url", "http://127.0.0.1:1/", "--signing-key", "a-signing-key-of-at-least-32-characters", "--duration", "soon")]
    [InlineData("--url", "http://127.0.0.1:1/", "--signing-key", "a-signing-key-of-at-least-32-characters", "--channels", "fax=1")]
    public async Task Invoke_BadArguments_UsageErrorBeforeAnyRequest(params string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No, Ansi = AnsiSupport.No });

        var exit = await LoadGenCommand.Create(console, TimeProvider.System).Parse(args).InvokeAsync();

        Assert.Equal(LoadGenCommand.UsageError, exit);
        Assert.DoesNotContain("Offering", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UrlRepeated_NoParseError()
    {
        var result = LoadGenCommand.Create(AnsiConsole.Console, TimeProvider.System).Parse(["--url", "http://127.0.0.1:1/", "--url", "http://127.0.0.1:2/", "--signing-key", "k"]);

        Assert.Empty(result.Errors);
        Assert.Equal(["http://127.0.0.1:1/", "http://127.0.0.1:2/"], result.GetValue<string[]>("--url")!);
    }

    [Fact]
    public void Parse_UnknownProfile_ParseError()
    {
        var result = LoadGenCommand.Create(AnsiConsole.Console, TimeProvider.System).Parse(["--url", "http://127.0.0.1:1/", "--profile", "sawtooth"]);

        Assert.NotEmpty(result.Errors);
    }
}

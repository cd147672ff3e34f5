using Spectre.Console;
using TicketCluster.LoadGen.Cli;

return await LoadGenCommand.Create(AnsiConsole.Console, TimeProvider.System).Parse(args).InvokeAsync().ConfigureAwait(false);

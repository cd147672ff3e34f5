using TicketCluster.Silo;
using TicketCluster.Silo.Configuration;
using TicketCluster.Silo.Hosting;

try
{
    if (args is ["token", ..] or ["schema", ..] or ["migrate", ..])
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        return args[0] switch
        {
            "token" => TokenCommand.Run(args, configuration, Console.Out, Console.Error),
            "migrate" => await MigrateCommand.RunAsync(args, configuration, Console.Out, Console.Error),
            _ => await SchemaCommand.RunAsync(args, configuration, Console.Out, Console.Error),
        };
    }

    var app = SiloApp.Build(args);
    await app.RunAsync();
    return 0;
}
catch (Exception exception) when (StartupErrors.ConfigurationMessage(exception) is { } message)
{
    // A configuration the node cannot run on, found by the settings or by the silo's start (the storage's
    // missing database): one line, exit code 2.
    await Console.Error.WriteLineAsync(message);
    return 2;
}

using TicketCluster.Silo;
using TicketCluster.Silo.Configuration;
using TicketCluster.Silo.Hosting;

try
{
    if (args is ["token", ..])
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        return TokenCommand.Run(args, configuration, Console.Out, Console.Error);
    }

    var app = SiloApp.Build(args);
    await app.RunAsync();
    return 0;
}
catch (SiloConfigurationException exception)
{
    await Console.Error.WriteLineAsync(exception.Message);
    return 2;
}

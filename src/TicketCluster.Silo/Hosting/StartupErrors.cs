using Orleans.Runtime;
using TicketCluster.Silo.Configuration;

namespace TicketCluster.Silo.Hosting;

/// <summary>Which start-up failures are the configuration's: the settings' own
/// <see cref="SiloConfigurationException"/>, or Orleans' <see cref="OrleansConfigurationException"/> raised
/// by a lifecycle participant (the storage cannot open its database), however deeply the silo's start wraps
/// it.</summary>
public static class StartupErrors
{
    /// <summary>The message to print, or null when <paramref name="exception"/> is not a configuration error.</summary>
    public static string? ConfigurationMessage(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var pending = new Stack<Exception>();
        pending.Push(exception);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case SiloConfigurationException settings:
                    return settings.Message;
                case OrleansConfigurationException orleans:
                    return orleans.Message;
                case AggregateException aggregate:
                    foreach (var inner in aggregate.InnerExceptions)
                    {
                        pending.Push(inner);
                    }

                    break;
                case { InnerException: { } inner }:
                    pending.Push(inner);
                    break;
            }
        }

        return null;
    }
}

using Microsoft.Extensions.DependencyInjection;
using TicketCluster.Domain.Parties;
using TicketCluster.Domain.Sla;
using TicketCluster.Grains.Tickets;
using TicketCluster.Runtime;

namespace TicketCluster.Grains.Legacy;

public static class TicketGrainsRegistration
{
    /// <summary>Registers the legacy ticket, customer and merchant grains under their stable type names. The
    /// ticket grain takes the <see cref="TicketPolicy"/> from <paramref name="policy"/> (the default
    /// policy when null) and publishes its events to <paramref name="subscriptions"/>; when null, to the
    /// <see cref="TicketSubscriptions"/> registered in the services (the host's webhooks), if any. The customer
    /// and merchant grains keep the history <paramref name="retention"/> says (<see cref="PartyRetention.Default"/>
    /// when null).</summary>
    public static GrainTypeRegistry AddTicketGrains(
        this GrainTypeRegistry registry, TicketPolicy? policy = null, TicketSubscriptions? subscriptions = null, PartyRetention? retention = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var effective = policy ?? TicketPolicy.Default;
        var kept = retention ?? PartyRetention.Default;
        if (kept.Validate(nameof(retention)) is [var first, ..])
        {
            throw new ArgumentException(first, nameof(retention));
        }

        return registry
            .Add(GrainTypes.Ticket, services => new TicketGrain(effective, subscriptions ?? services.GetService<TicketSubscriptions>() ?? TicketSubscriptions.None))
            .Add(GrainTypes.Customer, _ => new CustomerGrain(kept))
            .Add(GrainTypes.Merchant, _ => new MerchantGrain(kept));
    }
}

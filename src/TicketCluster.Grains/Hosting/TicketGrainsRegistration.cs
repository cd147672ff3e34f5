using Microsoft.Extensions.DependencyInjection;
using TicketCluster.Domain.Sla;
using TicketCluster.Grains.Customers;
using TicketCluster.Grains.Merchants;
using TicketCluster.Grains.Tickets;
using TicketCluster.Runtime;

namespace TicketCluster.Grains.Hosting;

public static class TicketGrainsRegistration
{
    /// <summary>Registers the ticket, customer and merchant grains under their stable type names. The
    /// ticket grain takes the <see cref="TicketPolicy"/> from <paramref name="policy"/> (the default
    /// policy when null).</summary>
    public static GrainTypeRegistry AddTicketGrains(this GrainTypeRegistry registry, TicketPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var effective = policy ?? TicketPolicy.Default;
        return registry
            .Add(GrainTypes.Ticket, _ => new TicketGrain(effective))
            .Add(GrainTypes.Customer, _ => new CustomerGrain())
            .Add(GrainTypes.Merchant, _ => new MerchantGrain());
    }
}

namespace TicketCluster.Domain.Tickets;

// Who pays (docs/domain.md): the lines the rules derive are emitted by the commands that cause them
// (refund-issued, return-shipped); a cost no rule derives is recorded by staff here.
public static partial class TicketDecider
{
    private static ValidationFailed? RecordCost(DecisionBuilder b, RecordCost c)
    {
        if ((Rules.Defined(c.LineKind, "lineKind") ?? Rules.Defined(c.Payer, "payer") ?? Rules.Defined(c.Payee, "payee")
            ?? Rules.Blank(c.Reason, "reason") ?? Rules.Currency(c.Amount, b.State.Order, "amount")) is { } invalid)
        {
            return invalid;
        }

        if (c.Amount.Amount <= 0)
        {
            return Rules.Fail("amount", "must be positive");
        }

        if (c.Payer == c.Payee)
        {
            return Rules.Fail("payee", "must differ from the payer");
        }

        if (c.LineKind == MoneyLineKind.DutiesAndTaxes && c.Payee != CostParty.Customer)
        {
            return Rules.Fail("payee", "duties and taxes are refunded to the customer who paid them");
        }

        b.Emit(new MoneyLineRecorded(new MoneyLine(c.LineKind, c.Payer, c.Payee, c.Amount, c.Reason, MoneyLineBasis.Staff, b.Actor)));
        return null;
    }
}

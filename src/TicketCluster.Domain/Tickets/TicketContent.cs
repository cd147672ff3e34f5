using System.Collections.Immutable;

namespace TicketCluster.Domain.Tickets;

/// <summary>
/// What a ticket's history holds, as <see cref="TicketLimits"/> counts it: <see cref="Notes"/> is the
/// number of recorded texts (messages, notes, statements, reasons), <see cref="Length"/> an estimate of
/// the stored size in characters (those texts, evidence references and contacts). An event counts as one
/// note when it records any text. An estimate, not the
/// stored bytes: it is pure, cheap to keep up event by event, and grows with everything a caller can add.
/// </summary>
public readonly record struct TicketContent(int Notes, long Length)
{
    /// <summary>The content after <paramref name="e"/>.</summary>
    public TicketContent Add(TicketEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var (texts, evidence) = Of(e);
        long length = 0;
        foreach (var text in texts)
        {
            length += text?.Length ?? 0;
        }

        var notes = length > 0 ? 1 : 0;

        foreach (var item in evidence.IsDefault ? [] : evidence)
        {
            length += (item?.Url.Length ?? 0) + (item?.Sha256.Length ?? 0) + (item?.Note?.Length ?? 0);
        }

        return new TicketContent(Notes + notes, Length + length);
    }

    /// <summary>The caller-written texts and evidence an event records; events without any (clock steps,
    /// lapses) add nothing.</summary>
    private static (string?[] Texts, ImmutableArray<EvidenceItem> Evidence) Of(TicketEvent e) => e switch
    {
        TicketOpened o => ([o.Description, o.ExternalId, o.Customer.Name, o.Customer.Address], o.Evidence),
        TicketAcknowledged a => ([a.Message], []),
        TicketAssigned a => ([a.AgentId], []),
        InformationRequested r => ([r.Question], []),
        CustomerReplied r => ([r.Message], r.Evidence),
        EvidenceAdded a => ([], a.Evidence),
        ContactAdded c => ([c.Contact.ExternalId, c.Contact.Description], c.Evidence),
        MerchantResponseRequested r => ([r.Note], []),
        MerchantResponded r => ([r.Statement], r.Evidence),
        InvestigationStarted s => ([s.Note], []),
        InspectionResultRecorded r => ([r.Findings], r.Evidence),
        ResponsibilityDetermined d => ([d.Reason], []),
        SeverityChanged s => ([s.Reason], []),
        CategoryChanged c => ([c.Reason], []),
        ResolutionProposed p => ([p.Plan.Note, p.Plan.Replacement?.Sku, p.Plan.Replacement?.Spec], []),
        PlanApproved a => ([a.Note], []),
        PlanRejected r => ([r.Reason], []),
        CustomerConfirmationRecorded c => ([c.Statement], []),
        ReturnAuthorized a => ([a.ReturnAddress, a.Instructions?.Contact, a.Instructions?.Packaging, .. a.Instructions?.Accessories ?? []], []),
        ReturnShipped s => ([s.Carrier, s.TrackingNumber], []),
        ReturnReceived r => ([r.Note], []),
        WarehouseInspected w => ([w.Note], []),
        RefundIssued r => ([r.Reference], []),
        ReplacementShipped s => ([s.Carrier, s.TrackingNumber, s.Sku, s.Spec], []),
        RepairCompleted r => ([r.Note], []),
        TicketResolved r => ([r.Result, r.CorrectiveAction], []),
        SatisfactionRecorded s => ([s.Comment], []),
        TicketReopened r => ([r.Reason], []),
        TicketClosed c => ([c.Note, c.DuplicateOf], []),
        TicketEscalated x => ([x.Note], []),
        // A derived line's reason is the rule's own wording, not the caller's text.
        MoneyLineRecorded { Line.Basis: MoneyLineBasis.Staff } m => ([m.Line.Reason], []),
        LogisticsExceptionRecorded l => ([l.Note], []),
        LogisticsExceptionCleared l => ([l.Note], []),
        CustomsDocumentsReceived d => ([d.Documents], []),
        ReplySent r => ([r.Message], []),
        InternalNoteAdded n => ([n.Note], []),
        CallbackCompleted c => ([c.Note], []),
        _ => ([], []),
    };
}

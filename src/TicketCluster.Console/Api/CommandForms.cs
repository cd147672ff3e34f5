using System.Globalization;
using TicketCluster.Client;
using TicketCluster.Domain;
using TicketCluster.Domain.Tickets;

namespace TicketCluster.WebConsole.Api;

/// <summary>How a form field is entered and sent.</summary>
public enum FieldKind
{
    Text,
    LongText,
    Choice,
    WholeNumber,
    Money,
    Flag,
}

/// <summary>One field of a command's form. <see cref="Path"/> is the field's path in the command's body
/// (<c>plan.amount</c>, <c>evidence.0.url</c>): the API names a refused field by the same path. A choice
/// lists the API's names of its enumeration's values, <see cref="ChoiceType"/> names the enumeration.</summary>
public sealed record FormField(string Path, FieldKind Kind, bool Required, IReadOnlyList<string>? Choices = null, string? ChoiceType = null);

/// <summary>
/// The fields of each command's form: the body of the command's domain record
/// (<c>TicketCluster.Domain/Tickets/TicketCommands.cs</c>) as typed inputs. Only the shape lives here —
/// whether a value is acceptable is the API's answer, shown beside the field.
/// </summary>
public static class CommandForms
{
    private static readonly FormField Evidence = new("evidence", FieldKind.Text, false);

    private static readonly Dictionary<string, FormField[]> Forms = new(StringComparer.Ordinal)
    {
        [TicketCommands.Acknowledge] = [Long("message", true)],
        [TicketCommands.Assign] = [Choice<Department>("department"), Text("agentId", true)],
        [TicketCommands.RequestInformation] = [Long("question", true)],
        [TicketCommands.CustomerReply] = [Long("message", true), Evidence],
        [TicketCommands.AddEvidence] = [Choice<EvidenceKind>("evidence.0.kind"), Text("evidence.0.url", true), Text("evidence.0.sha256", true), Text("evidence.0.note", false)],
        [TicketCommands.RequestMerchantResponse] = [Long("note", true)],
        [TicketCommands.MerchantResponse] = [Choice<MerchantPosition>("position"), Long("statement", true), Evidence],
        [TicketCommands.StartInvestigation] = [Choice<InvestigationKind>("investigation"), Long("note", true)],
        [TicketCommands.InspectionResult] = [Long("findings", true), Evidence],
        [TicketCommands.DetermineResponsibility] = [Choice<ResponsibleParty>("party"), Long("reason", true)],
        [TicketCommands.ChangeSeverity] = [Choice<Severity>("severity"), Long("reason", true)],
        [TicketCommands.ChangeCategory] = [Choice<TicketCategory>("category"), Long("reason", true)],
        [TicketCommands.ProposeResolution] =
        [
            Choice<ResolutionKind>("plan.kind"),
            new("plan.amount", FieldKind.Money, false),
            Choice<ShippingPayer>("plan.shippingPaidBy", required: false),
            Choice<ExchangeMode>("plan.exchange", required: false),
            Long("plan.note", false),
        ],
        [TicketCommands.ApproveResolution] = [Long("note", false)],
        [TicketCommands.RejectResolution] = [Long("reason", true)],
        [TicketCommands.CustomerConfirmation] = [new("accepted", FieldKind.Flag, true), Long("statement", true)],
        [TicketCommands.AuthorizeReturn] = [Long("returnAddress", false), Text("window", false)],
        [TicketCommands.ReturnShipped] = [Text("carrier", true), Text("trackingNumber", true), new("shippingCost", FieldKind.Money, false)],
        [TicketCommands.ReturnReceived] = [Long("note", false)],
        [TicketCommands.WarehouseInspection] = [Choice<WarehouseOutcome>("outcome"), Long("note", false)],
        [TicketCommands.RefundIssued] = [new("amount", FieldKind.Money, true), Text("reference", false)],
        [TicketCommands.ReplacementShipped] = [Text("carrier", true), Text("trackingNumber", true)],
        [TicketCommands.RepairCompleted] = [Long("note", false)],
        [TicketCommands.Resolve] = [Long("result", true)],
        [TicketCommands.AnswerOnTheSpot] = [Long("answer", true)],
        [TicketCommands.Decline] = [Choice<DeclineReason>("reason"), Long("note", true)],
        [TicketCommands.CloseAsDuplicate] = [Text("duplicateOf", true), Long("note", false)],
        [TicketCommands.CloseAsSpam] = [Long("note", true)],
        [TicketCommands.Satisfaction] = [new("score", FieldKind.WholeNumber, true), Long("comment", false)],
        [TicketCommands.Reopen] = [Long("reason", true)],
        [TicketCommands.Close] = [Long("note", false)],
        [TicketCommands.Withdraw] = [Long("reason", true)],
        [TicketCommands.Archive] = [],
        [TicketCommands.Escalate] = [Long("reason", true)],
        [TicketCommands.RecordCost] =
        [
            Choice<MoneyLineKind>("lineKind"),
            Choice<CostParty>("payer"),
            Choice<CostParty>("payee"),
            new("amount", FieldKind.Money, true),
            Long("reason", true),
        ],
        [TicketCommands.RecordLogisticsIssue] = [Choice<LogisticsExceptionKind>("exception"), Long("note", true)],
        [TicketCommands.ClearLogisticsIssue] = [Choice<LogisticsExceptionKind>("exception"), Long("note", true)],
        [TicketCommands.CustomsDocuments] = [Long("documents", true)],
        [TicketCommands.Reply] = [Choice<ReplyVisibility>("visibility"), Long("message", true)],
        [TicketCommands.CallbackDone] = [Choice<CallbackOutcome>("outcome"), Long("note", true)],
    };

    /// <summary>The fields a user fills in for <paramref name="command"/> (the evidence list of a reply or
    /// response is sent empty: evidence is added on its own).</summary>
    public static IReadOnlyList<FormField> For(string command) =>
        Forms.TryGetValue(command, out var fields) ? [.. fields.Where(f => !ReferenceEquals(f, Evidence))] : [];

    /// <summary>Whether the console has a form for <paramref name="command"/>.</summary>
    public static bool Knows(string command) => Forms.ContainsKey(command);

    /// <summary>
    /// The command's JSON body from the entered <paramref name="values"/> (by path; a money field's currency
    /// under <c>path.currency</c>). A required field left empty, or a number that is not one, is reported in
    /// <paramref name="errors"/> by its path and nothing is built; every other judgement is the API's.
    /// </summary>
    public static Dictionary<string, object?>? Body(string command, IReadOnlyDictionary<string, string?> values, Dictionary<string, string> errors, string requiredMessage, string numberMessage)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(errors);
        var body = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in Forms.GetValueOrDefault(command) ?? [])
        {
            if (ReferenceEquals(field, Evidence))
            {
                body["evidence"] = Array.Empty<object>();
                continue;
            }

            var value = values.GetValueOrDefault(field.Path);
            var empty = string.IsNullOrWhiteSpace(value);
            if (empty && field.Kind is FieldKind.Choice or FieldKind.WholeNumber or FieldKind.Money)
            {
                if (field.Required)
                {
                    errors[field.Path] = requiredMessage;
                }

                continue;
            }

            object? json = field.Kind switch
            {
                FieldKind.Flag => string.Equals(value, "true", StringComparison.Ordinal),
                FieldKind.WholeNumber => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null,
                FieldKind.Money => decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount)
                    ? new Dictionary<string, object?> { ["amount"] = amount, ["currency"] = values.GetValueOrDefault(field.Path + ".currency") ?? "CNY" }
                    : null,
                _ when empty && !field.Required => null,
                _ => value ?? "",
            };
            if (json is null && field.Kind is FieldKind.WholeNumber or FieldKind.Money)
            {
                errors[field.Path] = numberMessage;
                continue;
            }

            if (json is not null)
            {
                Put(body, field.Path.Split('.'), json);
            }
        }

        return errors.Count == 0 ? body : null;
    }

    /// <summary>A field path of the API's <c>errors</c> (<c>evidence[0].url</c>) as a form path
    /// (<c>evidence.0.url</c>).</summary>
    public static string FormPath(string apiPath)
    {
        ArgumentNullException.ThrowIfNull(apiPath);
        var path = apiPath.StartsWith("$.", StringComparison.Ordinal) ? apiPath[2..] : apiPath;
        return path.Replace("[", ".", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal);
    }

    private static void Put(Dictionary<string, object?> body, string[] path, object value)
    {
        object container = body;
        for (var i = 0; i < path.Length; i++)
        {
            var last = i == path.Length - 1;
            var next = i + 1 < path.Length && int.TryParse(path[i + 1], CultureInfo.InvariantCulture, out _);
            switch (container)
            {
                case Dictionary<string, object?> map when last:
                    map[path[i]] = value;
                    break;
                case Dictionary<string, object?> map:
                    if (!map.TryGetValue(path[i], out var child) || child is null)
                    {
                        map[path[i]] = child = next ? new List<object?>() : new Dictionary<string, object?>(StringComparer.Ordinal);
                    }

                    container = child;
                    break;
                case List<object?> list:
                    var index = int.Parse(path[i], CultureInfo.InvariantCulture);
                    while (list.Count <= index)
                    {
                        list.Add(new Dictionary<string, object?>(StringComparer.Ordinal));
                    }

                    if (last)
                    {
                        list[index] = value;
                    }
                    else
                    {
                        container = list[index]!;
                    }

                    break;
            }
        }
    }

    private static FormField Text(string path, bool required) => new(path, FieldKind.Text, required);

    private static FormField Long(string path, bool required) => new(path, FieldKind.LongText, required);

    private static FormField Choice<TEnum>(string path, bool required = true)
        where TEnum : struct, Enum =>
        new(path, FieldKind.Choice, required, [.. Enum.GetValues<TEnum>().Select(TicketCluster.WebConsole.Text.ConsoleText.ApiName)], typeof(TEnum).Name);
}

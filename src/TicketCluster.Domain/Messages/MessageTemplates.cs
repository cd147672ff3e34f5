using System.Collections.Immutable;
using System.Text;
using TicketCluster.Domain.Tickets;

namespace TicketCluster.Domain.Messages;

/// <summary>A message as the customer reads it: the subject (e-mail) and the text.</summary>
public sealed record RenderedMessage(string Subject, string Body);

/// <summary>
/// The wording of every message kind in every supported language. A template's first line is the subject, the
/// rest the text; <c>{name}</c> stands for a value of the draft (<see cref="Placeholders"/>). Built-in
/// defaults for zh-CN, zh-TW and en; configuration replaces any of them (<see cref="With"/>).
/// </summary>
public sealed class MessageTemplates
{
    /// <summary>The values a template may use.</summary>
    public static readonly ImmutableArray<string> Placeholders = ["ticketId", "customerName", "message", "deadline", "plan"];

    private readonly ImmutableDictionary<(string Language, OutboundMessageKind Kind), string> _templates;

    private MessageTemplates(ImmutableDictionary<(string, OutboundMessageKind), string> templates) => _templates = templates;

    public static MessageTemplates Default { get; } = new(BuiltIn());

    /// <summary>These templates with the one for <paramref name="language"/> and <paramref name="kind"/> replaced.</summary>
    public MessageTemplates With(string language, OutboundMessageKind kind, string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return new(_templates.SetItem((language, kind), template));
    }

    public string TemplateOf(string language, OutboundMessageKind kind) =>
        _templates.TryGetValue((language, kind), out var template) ? template : _templates[("en", kind)];

    /// <summary>What is wrong with <paramref name="template"/>: an empty subject line, or a placeholder
    /// that is not one of <see cref="Placeholders"/>. Empty when it is usable.</summary>
    public static ImmutableArray<string> Validate(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var errors = ImmutableArray.CreateBuilder<string>();
        if (string.IsNullOrWhiteSpace(template.Split('\n')[0]))
        {
            errors.Add("the first line (the subject) is empty");
        }

        for (var i = template.IndexOf('{', StringComparison.Ordinal); i >= 0; i = template.IndexOf('{', i + 1))
        {
            var end = template.IndexOf('}', i);
            var name = end < 0 ? template[(i + 1)..] : template[(i + 1)..end];
            if (!Placeholders.Contains(name))
            {
                errors.Add($"unknown placeholder {{{name}}}; known: {string.Join(", ", Placeholders.Select(p => "{" + p + "}"))}");
            }
        }

        return errors.ToImmutable();
    }

    public RenderedMessage Render(MessageDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var text = new StringBuilder(TemplateOf(draft.Language, draft.Kind));
        foreach (var (name, value) in draft.Values)
        {
            text.Replace("{" + name + "}", value);
        }

        var rendered = text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
        var newline = rendered.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0
            ? new RenderedMessage(rendered.Trim(), "")
            : new RenderedMessage(rendered[..newline].Trim(), rendered[(newline + 1)..].Trim());
    }

    private static ImmutableDictionary<(string, OutboundMessageKind), string> BuiltIn()
    {
        const OutboundMessageKind Ack = OutboundMessageKind.Acknowledgement, Info = OutboundMessageKind.InformationRequest,
            Reply = OutboundMessageKind.Reply, Plan = OutboundMessageKind.ProposedPlan, Result = OutboundMessageKind.Resolution,
            Survey = OutboundMessageKind.Survey;
        var t = ImmutableDictionary.CreateBuilder<(string, OutboundMessageKind), string>();
        t[("en", Ack)] = "We received your request {ticketId}\nDear {customerName},\n\nwe have received your request {ticketId}.\n\nNext steps: {message}\n\nYou can expect our answer by {deadline}.";
        t[("en", Info)] = "We need some information for {ticketId}\nDear {customerName},\n\nto go on with your request {ticketId} we need the following from you:\n\n{message}";
        t[("en", Reply)] = "News about your request {ticketId}\nDear {customerName},\n\n{message}";
        t[("en", Plan)] = "Our proposal for {ticketId}\nDear {customerName},\n\nwe propose: {plan}.\n{message}\n\nPlease confirm whether you accept it.";
        t[("en", Result)] = "Your request {ticketId} is resolved\nDear {customerName},\n\n{message}";
        t[("en", Survey)] = "How did we do on {ticketId}?\nDear {customerName},\n\nplease rate how we handled your request {ticketId} from 1 (very dissatisfied) to 5 (very satisfied).";
        t[("zh-CN", Ack)] = "我们已收到您的请求 {ticketId}\n{customerName} 您好：\n\n我们已收到您的请求 {ticketId}。\n\n后续步骤：{message}\n\n预计在 {deadline} 前给您答复。";
        t[("zh-CN", Info)] = "请补充请求 {ticketId} 的信息\n{customerName} 您好：\n\n为继续处理您的请求 {ticketId}，请提供以下信息：\n\n{message}";
        t[("zh-CN", Reply)] = "您的请求 {ticketId} 有新进展\n{customerName} 您好：\n\n{message}";
        t[("zh-CN", Plan)] = "关于请求 {ticketId} 的处理方案\n{customerName} 您好：\n\n我们建议的方案：{plan}。\n{message}\n\n请确认您是否接受。";
        t[("zh-CN", Result)] = "您的请求 {ticketId} 已处理完毕\n{customerName} 您好：\n\n{message}";
        t[("zh-CN", Survey)] = "请评价我们对 {ticketId} 的服务\n{customerName} 您好：\n\n请为我们处理请求 {ticketId} 的服务打分，1（非常不满意）到 5（非常满意）。";
        t[("zh-TW", Ack)] = "我們已收到您的請求 {ticketId}\n{customerName} 您好：\n\n我們已收到您的請求 {ticketId}。\n\n後續步驟：{message}\n\n預計在 {deadline} 前給您答覆。";
        t[("zh-TW", Info)] = "請補充請求 {ticketId} 的資訊\n{customerName} 您好：\n\n為繼續處理您的請求 {ticketId}，請提供以下資訊：\n\n{message}";
        t[("zh-TW", Reply)] = "您的請求 {ticketId} 有新進展\n{customerName} 您好：\n\n{message}";
        t[("zh-TW", Plan)] = "關於請求 {ticketId} 的處理方案\n{customerName} 您好：\n\n我們建議的方案：{plan}。\n{message}\n\n請確認您是否接受。";
        t[("zh-TW", Result)] = "您的請求 {ticketId} 已處理完畢\n{customerName} 您好：\n\n{message}";
        t[("zh-TW", Survey)] = "請評價我們對 {ticketId} 的服務\n{customerName} 您好：\n\n請為我們處理請求 {ticketId} 的服務評分，1（非常不滿意）到 5（非常滿意）。";
        return t.ToImmutable();
    }
}

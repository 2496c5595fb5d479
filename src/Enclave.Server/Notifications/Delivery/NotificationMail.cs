using System.Globalization;
using System.Net;
using System.Text;
using Enclave.Server.Mail;

namespace Enclave.Server.Notifications.Delivery;

/// <summary>What one email may say about one event: only what the gate let through at send time.</summary>
public sealed record MailItem(NotificationKind Kind, string? Actor, string? Sphere, string? Excerpt, string Link);

/// <summary>The notification and digest emails, in the recipient's language (French or English).</summary>
public static class NotificationMail
{
    private sealed record Texts(string Hello, Func<NotificationKind, string> Line, string Someone, string Open, string DigestSubject,
        string DigestIntro, string Unsubscribe, string Settings);

    private static readonly Texts English = new("Hello {0},", kind => kind switch
        {
            NotificationKind.Mention => "{0} mentioned you in «{1}»",
            NotificationKind.Comment => "{0} commented on your post in «{1}»",
            NotificationKind.PrivatePost => "{0} wrote to you privately in «{1}»",
            NotificationKind.Invitation => "{0} invited you",
            NotificationKind.TaskAssigned => "{0} assigned you a task in «{1}»",
            NotificationKind.TaskDueSoon => "A task of yours in «{1}» is due soon",
            NotificationKind.EventReminder => "An event starts soon in «{1}»",
            NotificationKind.EventCancelled => "{0} cancelled an event in «{1}»",
            NotificationKind.ChatMessage => "{0} sent you a message",
            _ => "{0} answered your request to join",
        }, "Someone", "Open in Enclave", "Your Enclave digest: {0} unread", "Here is what happened while you were away.",
        "Stop these digests", "Choose what you receive");

    private static readonly Texts French = new("Bonjour {0},", kind => kind switch
        {
            NotificationKind.Mention => "{0} vous a mentionné dans «{1}»",
            NotificationKind.Comment => "{0} a commenté votre message dans «{1}»",
            NotificationKind.PrivatePost => "{0} vous a écrit en privé dans «{1}»",
            NotificationKind.Invitation => "{0} vous a invité",
            NotificationKind.TaskAssigned => "{0} vous a confié une tâche dans «{1}»",
            NotificationKind.TaskDueSoon => "Une de vos tâches dans «{1}» arrive à échéance",
            NotificationKind.EventReminder => "Un événement commence bientôt dans «{1}»",
            NotificationKind.EventCancelled => "{0} a annulé un événement dans «{1}»",
            NotificationKind.ChatMessage => "{0} vous a envoyé un message",
            _ => "{0} a répondu à votre demande d’adhésion",
        }, "Quelqu’un", "Ouvrir dans Enclave", "Votre résumé Enclave : {0} non lus", "Voici ce qui s’est passé en votre absence.",
        "Ne plus recevoir ces résumés", "Choisir ce que vous recevez");

    private static Texts For(string language) => language == "fr" ? French : English;

    public static string Line(string language, MailItem item)
    {
        var t = For(language);
        return string.Format(CultureInfo.InvariantCulture, t.Line(item.Kind), item.Actor ?? t.Someone, item.Sphere ?? "");
    }

    public static EmailMessage Single(string to, string language, string firstName, MailItem item, string settingsLink)
    {
        var t = For(language);
        var line = Line(language, item);
        var text = new StringBuilder().Append(Format(t.Hello, firstName)).Append("\n\n").Append(line).Append('\n');
        if (item.Excerpt is not null) text.Append("\n> ").Append(item.Excerpt.Replace("\n", "\n> ", StringComparison.Ordinal)).Append('\n');
        text.Append('\n').Append(item.Link).Append("\n\n").Append(t.Settings).Append(": ").Append(settingsLink).Append('\n');
        var html = Page(language, line, $"<p>{Html(Format(t.Hello, firstName))}</p>{ItemHtml(language, item)}<p><a href=\"{Html(settingsLink)}\">{Html(t.Settings)}</a></p>");
        return new EmailMessage(to, line, text.ToString(), html);
    }

    public static EmailMessage Digest(string to, string language, string firstName, IReadOnlyList<MailItem> items, string unsubscribeLink, string settingsLink)
    {
        var t = For(language);
        var subject = Format(t.DigestSubject, items.Count);
        var text = new StringBuilder().Append(Format(t.Hello, firstName)).Append("\n\n").Append(t.DigestIntro).Append("\n\n");
        foreach (var item in items)
        {
            text.Append("- ").Append(Line(language, item)).Append('\n');
            if (item.Excerpt is not null) text.Append("  ").Append(item.Excerpt.ReplaceLineEndings(" ")).Append('\n');
            text.Append("  ").Append(item.Link).Append('\n');
        }
        text.Append('\n').Append(t.Settings).Append(": ").Append(settingsLink).Append('\n').Append(t.Unsubscribe).Append(": ").Append(unsubscribeLink).Append('\n');
        var body = new StringBuilder($"<p>{Html(Format(t.Hello, firstName))}</p><p>{Html(t.DigestIntro)}</p>");
        foreach (var item in items) body.Append(ItemHtml(language, item));
        body.Append($"<p><a href=\"{Html(settingsLink)}\">{Html(t.Settings)}</a> · <a href=\"{Html(unsubscribeLink)}\">{Html(t.Unsubscribe)}</a></p>");
        return new EmailMessage(to, subject, text.ToString(), Page(language, subject, body.ToString()));
    }

    private static string ItemHtml(string language, MailItem item) =>
        $"<p><strong>{Html(Line(language, item))}</strong></p>" +
        (item.Excerpt is null ? "" : $"<blockquote>{Html(item.Excerpt)}</blockquote>") +
        $"<p><a href=\"{Html(item.Link)}\">{Html(For(language).Open)}</a></p>";

    private static string Page(string language, string title, string body) => $"""
        <!DOCTYPE html>
        <html lang="{(language == "fr" ? "fr" : "en")}">
        <head><meta charset="utf-8"><title>{Html(title)}</title></head>
        <body style="font-family: sans-serif; line-height: 1.5; max-width: 40em">
        {body}
        </body>
        </html>
        """;

    private static string Format(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);

    private static string Html(string text) => WebUtility.HtmlEncode(text);
}

using System.Globalization;
using System.Net;
using Enclave.Server.Mail;

namespace Enclave.Server.Accounts;

/// <summary>
/// The reset email, in the account's language. It names nothing but the person's first name
/// and the link: whoever reads it over their shoulder learns no user name, email or address.
/// </summary>
public static class PasswordResetMail
{
    private sealed record Texts(string Subject, string Greeting, string Explanation, string Action, string Ignore, Func<TimeSpan, string> Duration);

    private static readonly Texts English = new(
        "Reset your Enclave password",
        "Hello {0},",
        "Someone asked to reset the password of your Enclave account. To choose a new password, open this link. It works once and expires in {0}.",
        "Choose a new password",
        "If you did not ask for it, ignore this email: your password stays as it is.",
        d => Count(d, "hour", "hours"));

    private static readonly Texts French = new(
        "Réinitialisez votre mot de passe Enclave",
        "Bonjour {0},",
        "Quelqu’un a demandé à réinitialiser le mot de passe de votre compte Enclave. Pour en choisir un nouveau, ouvrez ce lien. Il ne sert qu’une fois et expire dans {0}.",
        "Choisir un nouveau mot de passe",
        "Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe ne change pas.",
        d => Count(d, "heure", "heures"));

    public static EmailMessage Compose(User user, string link, TimeSpan lifetime)
    {
        var t = user.Language == "fr" ? French : English;
        var lang = user.Language == "fr" ? "fr" : "en";
        var greeting = Format(t.Greeting, user.FirstName);
        var explanation = Format(t.Explanation, t.Duration(lifetime));
        var text = $"{greeting}\n\n{explanation}\n\n{link}\n\n{t.Ignore}\n";
        var html = $"""
            <!DOCTYPE html>
            <html lang="{lang}">
            <head><meta charset="utf-8"><title>{Html(t.Subject)}</title></head>
            <body style="font-family: sans-serif; line-height: 1.5; max-width: 40em">
            <p>{Html(greeting)}</p>
            <p>{Html(explanation)}</p>
            <p><a href="{Html(link)}">{Html(t.Action)}</a></p>
            <p style="word-break: break-all; color: #555">{Html(link)}</p>
            <p>{Html(t.Ignore)}</p>
            </body>
            </html>
            """;
        return new EmailMessage(user.Email, t.Subject, text, html);
    }

    private static string Count(TimeSpan lifetime, string hour, string hours)
    {
        if (lifetime.TotalMinutes % 60 == 0)
        {
            var h = (long)lifetime.TotalHours;
            return Format("{0} {1}", h, h == 1 ? hour : hours);
        }
        var m = Math.Max(1, (long)Math.Ceiling(lifetime.TotalMinutes));
        return Format("{0} {1}", m, m == 1 ? "minute" : "minutes");
    }

    private static string Format(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);

    private static string Html(string text) => WebUtility.HtmlEncode(text);
}

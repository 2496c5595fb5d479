using System.Net;
using Enclave.Server.Accounts;
using Enclave.Server.Mail;

namespace Enclave.Server.Notifications.Delivery;

/// <summary>The link that proves an added address belongs to the person, in their language.</summary>
public static class AddressConfirmationMail
{
    public static EmailMessage Compose(string to, User user, string link)
    {
        var fr = user.Language == "fr";
        var subject = fr ? "Confirmez votre adresse pour Enclave" : "Confirm your address for Enclave";
        var hello = (fr ? "Bonjour " : "Hello ") + user.FirstName + ",";
        var why = fr
            ? "Vous avez ajouté cette adresse à votre compte Enclave pour y recevoir des notifications. Ouvrez ce lien pour la confirmer :"
            : "You added this address to your Enclave account to receive notifications there. Open this link to confirm it:";
        var ignore = fr ? "Si ce n’est pas vous, ignorez ce message : rien ne sera envoyé ici." : "If this was not you, ignore this email: nothing will be sent here.";
        var text = $"{hello}\n\n{why}\n\n{link}\n\n{ignore}\n";
        var html = $"<!DOCTYPE html><html lang=\"{(fr ? "fr" : "en")}\"><head><meta charset=\"utf-8\"><title>{E(subject)}</title></head><body>" +
            $"<p>{E(hello)}</p><p>{E(why)}</p><p><a href=\"{E(link)}\">{E(link)}</a></p><p>{E(ignore)}</p></body></html>";
        return new EmailMessage(to, subject, text, html);
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}

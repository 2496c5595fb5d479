using Enclave.Server.Web;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Enclave.Server.Notifications.Delivery;

/// <summary>
/// Links in notification emails, and the signed digest-unsubscribe token. The dispatcher runs
/// outside any request, so the base address is <c>Enclave:PublicUrl</c> (or localhost in development).
/// The token is protected with the data-protection keys shared by every node: it needs no
/// sign-in and cannot be forged, and it names only the account.
/// </summary>
public sealed class MailLinks(IOptions<EnclaveOptions> options, IDataProtectionProvider protection)
{
    private readonly IDataProtector _unsubscribe = protection.CreateProtector("Enclave.Notifications.DigestUnsubscribe.v1");

    public string Base => (options.Value.PublicUrl ?? "http://localhost:5000").TrimEnd('/');

    public string For(string path) => Base + path;

    public string UnsubscribeToken(Guid userId) => _unsubscribe.Protect(userId.ToString("N"));

    public string UnsubscribePage(Guid userId) => For("/unsubscribe?token=" + Uri.EscapeDataString(UnsubscribeToken(userId)));

    public string UnsubscribeOneClick(Guid userId) => For("/api/v1/notifications/unsubscribe?token=" + Uri.EscapeDataString(UnsubscribeToken(userId)));

    /// <summary>The account a token names, or null when it was not signed by us (or is garbled).</summary>
    public Guid? ReadUnsubscribeToken(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000) return null;
        try
        {
            return Guid.TryParseExact(_unsubscribe.Unprotect(token), "N", out var id) ? id : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}

namespace Enclave.Server.Mail;

/// <summary>
/// One email to one person. <see cref="HtmlBody"/> is optional; when present the message is sent
/// as <c>multipart/alternative</c> and <see cref="TextBody"/> stays its plain-text version.
/// <see cref="Headers"/> are extra header fields (e.g. <c>List-Unsubscribe</c>), ASCII only.
/// </summary>
public sealed record EmailMessage(string To, string Subject, string TextBody, string? HtmlBody = null, IReadOnlyList<KeyValuePair<string, string>>? Headers = null);

/// <summary>
/// Hands an email over for delivery. The default writes it to the outbox folder
/// (<see cref="OutboxMailSender"/>); an SMTP sender can implement the same interface and reuse
/// <see cref="MimeFormatter"/> for the message bytes. Implementations may throw when delivery
/// fails: callers whose answer must not depend on it (password reset) catch and log.
/// </summary>
public interface IMailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

using System.Net.Mail;

namespace Enclave.Server.Mail;

/// <summary>The <c>Mail</c> section.</summary>
public sealed class MailOptions
{
    /// <summary>Folder the outbox writes <c>.eml</c> files into; default <c>./data/mail</c>.</summary>
    public string OutboxPath { get; set; } = "./data/mail";

    /// <summary>The <c>From</c> header of every email, an address with an optional display name.</summary>
    public string From { get; set; } = "Enclave <no-reply@localhost>";

    /// <summary>How often the dispatcher looks for notification emails and digests that are due; default 15 seconds.</summary>
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromSeconds(15);

    internal static bool IsValidFrom(string? from) =>
        !string.IsNullOrWhiteSpace(from) && !from.Any(char.IsControl) && MailAddress.TryCreate(from, out _);
}

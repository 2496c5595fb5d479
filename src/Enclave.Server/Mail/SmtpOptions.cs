namespace Enclave.Server.Mail;

/// <summary>The <c>Mail:Smtp</c> section: when <see cref="Host"/> is set, email goes to this server instead of the outbox.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    /// <summary>Upgrade the connection with STARTTLS before anything else; refuse to go on when the server does not offer it.</summary>
    public bool StartTls { get; set; } = true;
}

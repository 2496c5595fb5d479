using System.Net.Mail;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;

namespace Enclave.Server.Mail;

/// <summary>
/// Delivers through the operator's SMTP server (RFC 5321): EHLO, optional STARTTLS (RFC 3207)
/// and AUTH PLAIN (RFC 4954), MAIL FROM, RCPT TO, DATA with the <see cref="MimeFormatter"/>
/// text, QUIT. Hand-written on sockets because MailKit does not restore here and
/// <c>System.Net.Mail.SmtpClient</c> is frozen (no SMTPUTF8, weak STARTTLS control). One
/// connection per message: notification mail is a trickle, not a bulk mailer.
/// </summary>
public sealed class SmtpMailSender(IOptions<SmtpOptions> smtp, IOptions<MailOptions> mail, TimeProvider clock) : IMailSender
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var options = smtp.Value;
        var from = new MailAddress(mail.Value.From);
        var text = MimeFormatter.Format(message, from, clock.GetUtcNow(), MimeFormatter.NewMessageId(from));
        var to = new MailAddress(message.To.Trim());
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var ct = timeout.Token;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(options.Host!, options.Port, ct);
        Stream stream = tcp.GetStream();
        var session = new SmtpSession(stream);
        await session.ExpectAsync(220, ct);
        var features = await session.CommandAsync($"EHLO {from.Host}", 250, ct);
        if (options.StartTls)
        {
            if (!features.Any(f => f.StartsWith("STARTTLS", StringComparison.OrdinalIgnoreCase)))
                throw new IOException("The SMTP server does not offer STARTTLS (Mail:Smtp:StartTls is true).");
            await session.CommandAsync("STARTTLS", 220, ct);
            var tls = new SslStream(stream, leaveInnerStreamOpen: false);
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = options.Host }, ct);
            session = new SmtpSession(tls);
            features = await session.CommandAsync($"EHLO {from.Host}", 250, ct);
        }
        if (!string.IsNullOrEmpty(options.UserName))
        {
            var plain = Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{options.UserName}\0{options.Password}"));
            await session.CommandAsync("AUTH PLAIN " + plain, 235, ct);
        }
        var utf8 = !text.All(char.IsAscii) && features.Any(f => f.Equals("SMTPUTF8", StringComparison.OrdinalIgnoreCase));
        await session.CommandAsync($"MAIL FROM:<{from.Address}>" + (utf8 ? " SMTPUTF8" : ""), 250, ct);
        await session.CommandAsync($"RCPT TO:<{to.Address}>", 250, ct, alsoOk: 251);
        await session.CommandAsync("DATA", 354, ct);
        await session.WriteDataAsync(text, ct);
        await session.ExpectAsync(250, ct);
        await session.CommandAsync("QUIT", 221, ct);
    }

    /// <summary>Reads replies (multi-line "250-…" then "250 …") and writes commands, in UTF-8 with CRLF.</summary>
    private sealed class SmtpSession(Stream stream)
    {
        private readonly StreamReader _reader = new(stream, new UTF8Encoding(false), false, 1024, leaveOpen: true);

        public async Task<List<string>> CommandAsync(string line, int expected, CancellationToken ct, int? alsoOk = null)
        {
            await WriteAsync(line + "\r\n", ct);
            return await ExpectAsync(expected, ct, alsoOk);
        }

        public async Task<List<string>> ExpectAsync(int expected, CancellationToken ct, int? alsoOk = null)
        {
            var lines = new List<string>();
            while (true)
            {
                var reply = await _reader.ReadLineAsync(ct) ?? throw new IOException("The SMTP server closed the connection.");
                if (reply.Length < 3 || !int.TryParse(reply.AsSpan(0, 3), out var code)) throw new IOException($"Unexpected SMTP reply: {reply}");
                if (code != expected && code != alsoOk) throw new IOException($"SMTP server answered {reply} (expected {expected}).");
                lines.Add(reply.Length > 4 ? reply[4..] : "");
                if (reply.Length == 3 || reply[3] != '-') return lines;
            }
        }

        /// <summary>The message after DATA: lines starting with a dot get one more (RFC 5321 §4.5.2), then CRLF.CRLF.</summary>
        public Task WriteDataAsync(string text, CancellationToken ct)
        {
            var body = new StringBuilder();
            foreach (var line in text.Split("\r\n"))
                body.Append(line.StartsWith('.') ? "." + line : line).Append("\r\n");
            if (text.EndsWith("\r\n", StringComparison.Ordinal)) body.Length -= 2;
            body.Append(".\r\n");
            return WriteAsync(body.ToString(), ct);
        }

        private async Task WriteAsync(string text, CancellationToken ct)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(text), ct);
            await stream.FlushAsync(ct);
        }
    }
}

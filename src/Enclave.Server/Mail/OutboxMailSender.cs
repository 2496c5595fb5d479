using System.Globalization;
using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Enclave.Server.Mail;

/// <summary>
/// The default <see cref="IMailSender"/>: delivers nothing, writes each message as an
/// <c>.eml</c> file into <see cref="MailOptions.OutboxPath"/>, for development and for
/// deployments that have no mail server yet. File names start with the UTC time, so they sort in
/// the order the messages were written (one tick apart at least, within a process), and end
/// with random characters, so they never collide even when several nodes share the folder.
/// </summary>
public sealed class OutboxMailSender(IOptions<MailOptions> options, TimeProvider clock, ILogger<OutboxMailSender> logger) : IMailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var from = new MailAddress(options.Value.From);
        var now = clock.GetUtcNow();
        var text = MimeFormatter.Format(message, from, now, MimeFormatter.NewMessageId(from));
        var folder = Path.GetFullPath(options.Value.OutboxPath);
        Directory.CreateDirectory(folder);
        var name = NextStamp(now.UtcDateTime).ToString("yyyyMMdd'T'HHmmss'.'fffffff'Z'", CultureInfo.InvariantCulture)
            + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) + ".eml";
        var path = Path.Combine(folder, name);
        // Written aside, then renamed: whoever watches the folder only ever sees whole messages.
        var partial = path + ".part";
        await File.WriteAllTextAsync(partial, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken);
        File.Move(partial, path);
        logger.LogInformation("Mail written to the outbox: {Path}", path);
    }

    private long _lastTicks;

    /// <summary>The time for the file name, at least one tick after the previous one, so that names sort in writing order.</summary>
    private DateTime NextStamp(DateTime now)
    {
        long previous, next;
        do
        {
            previous = Interlocked.Read(ref _lastTicks);
            next = Math.Max(now.Ticks, previous + 1);
        }
        while (Interlocked.CompareExchange(ref _lastTicks, next, previous) != previous);
        return new DateTime(next, DateTimeKind.Utc);
    }
}

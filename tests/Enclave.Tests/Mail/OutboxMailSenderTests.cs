using System.Text;
using Enclave.Server.Mail;
using Enclave.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Enclave.Tests.Mail;

public sealed class OutboxMailSenderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "enclave-outbox-" + Guid.NewGuid().ToString("N"), "mail");
    private readonly ManualClock _clock = new();

    private OutboxMailSender Sender(string from = "Enclave <no-reply@localhost>") =>
        new(Options.Create(new MailOptions { OutboxPath = _folder, From = from }), _clock, NullLogger<OutboxMailSender>.Instance);

    [Fact]
    public async Task Each_message_is_one_eml_file_named_in_time_order()
    {
        var sender = Sender();
        await sender.SendAsync(new EmailMessage("first@example.org", "One", "1"), CancellationToken.None);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await sender.SendAsync(new EmailMessage("second@example.org", "Two", "2"), CancellationToken.None);
        // The same instant twice: the names still differ, and still sort in writing order.
        await sender.SendAsync(new EmailMessage("third@example.org", "Three", "3"), CancellationToken.None);
        _clock.Advance(TimeSpan.FromDays(400));
        await sender.SendAsync(new EmailMessage("fourth@example.org", "Four", "4"), CancellationToken.None);

        Assert.Equal(4, Directory.GetFiles(_folder).Length);
        var mails = Eml.ReadOutbox(_folder);
        Assert.Equal(4, mails.Select(m => m.FileName).Distinct().Count());
        Assert.Equal(["first@example.org", "second@example.org", "third@example.org", "fourth@example.org"], mails.Select(m => m.Header("To")));
        Assert.All(mails, m => Assert.Matches(@"^\d{8}T\d{6}\.\d{7}Z-[0-9a-f]{16}\.eml$", m.FileName));
        Assert.Equal("Enclave <no-reply@localhost>", mails[0].Header("From"));
    }

    [Fact]
    public async Task Files_are_utf8_without_a_byte_order_mark()
    {
        await Sender("Équipe <equipe@example.org>").SendAsync(new EmailMessage("ada@example.org", "Café", "Un café ?", "<p>Un café ?</p>"), CancellationToken.None);
        var bytes = await File.ReadAllBytesAsync(Directory.GetFiles(_folder).Single());
        Assert.NotEqual(0xEF, bytes[0]);
        var mail = Eml.Parse("x.eml", new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes));
        Assert.Equal("Café", mail.Header("Subject"));
        Assert.Equal("Équipe <equipe@example.org>", mail.Header("From"));
        Assert.Equal("Un café ?", mail.Text);
    }

    [Theory]
    [InlineData("Mail:From", "not an address")]
    [InlineData("Mail:OutboxPath", " ")]
    [InlineData("Enclave:PublicUrl", "enclave.example.org")]
    [InlineData("Accounts:PasswordResetLifetime", "00:00:00")]
    public void Invalid_mail_and_link_settings_stop_the_start(string key, string value)
    {
        using var app = new EnclaveApp(Engine.Sqlite, new Dictionary<string, string?> { [key] = value });
        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IMailSender>());
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        var root = Path.GetDirectoryName(_folder)!;
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }
}

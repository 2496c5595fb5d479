using System.Globalization;
using System.Net.Mail;
using Enclave.Server.Mail;

namespace Enclave.Tests.Mail;

public sealed class MimeFormatterTests
{
    private static readonly MailAddress From = new("Enclave <no-reply@enclave.test>");
    private static readonly DateTimeOffset When = new(2026, 11, 22, 9, 30, 15, TimeSpan.Zero);

    private static ParsedMail Write(EmailMessage message, MailAddress? from = null) =>
        Eml.Parse("test.eml", MimeFormatter.Format(message, from ?? From, When, MimeFormatter.NewMessageId(from ?? From)));

    [Fact]
    public void A_plain_text_message_has_the_standard_headers()
    {
        var mail = Write(new EmailMessage("ada@example.org", "Hello there", "Line one\nLine two\n"));
        Assert.Equal("Enclave <no-reply@enclave.test>", mail.Header("From"));
        Assert.Equal("ada@example.org", mail.Header("To"));
        Assert.Equal("Hello there", mail.RawHeaders["Subject"]);
        Assert.Equal("Sun, 22 Nov 2026 09:30:15 +0000", mail.Header("Date"));
        Assert.Equal(When, DateTimeOffset.ParseExact(mail.Header("Date").Replace("+0000", "+00:00", StringComparison.Ordinal), "ddd, dd MMM yyyy HH:mm:ss zzz", CultureInfo.InvariantCulture));
        Assert.Matches("^<[0-9a-f]{32}@enclave.test>$", mail.Header("Message-ID"));
        Assert.Equal("1.0", mail.Header("MIME-Version"));
        Assert.Equal("text/plain; charset=utf-8", mail.Header("Content-Type"));
        Assert.Equal("7bit", mail.Header("Content-Transfer-Encoding"));
        Assert.Equal("Line one\r\nLine two\r\n", mail.Text);
        Assert.Null(mail.Html);
    }

    [Fact]
    public void Message_ids_differ()
    {
        Assert.NotEqual(MimeFormatter.NewMessageId(From), MimeFormatter.NewMessageId(From));
    }

    [Theory]
    [InlineData("Réinitialisez votre mot de passe Enclave")]
    [InlineData("日本語のテキスト 🙂 emoji and a fairly long subject that needs more than one encoded word to fit 🙂🙂🙂")]
    [InlineData("Looks =?utf-8?B?ZW5jb2RlZA==?= but is not")]
    public void Non_ascii_subjects_are_encoded_words_that_decode_back(string subject)
    {
        var mail = Write(new EmailMessage("ada@example.org", subject, "Body"));
        Assert.StartsWith("=?utf-8?B?", mail.RawHeaders["Subject"], StringComparison.Ordinal);
        Assert.Equal(subject, mail.Header("Subject"));
        // Each encoded word fits the 75 characters of RFC 2047, folded on its own line.
        var subjectLines = mail.Raw.Split("\r\n").SkipWhile(l => !l.StartsWith("Subject:", StringComparison.Ordinal)).TakeWhile(l => l.StartsWith("Subject:", StringComparison.Ordinal) || l.StartsWith(' '));
        Assert.All(subjectLines, l => Assert.True(l.Replace("Subject: ", "", StringComparison.Ordinal).Trim().Length <= 75, l));
    }

    [Fact]
    public void Line_breaks_in_a_subject_cannot_add_headers()
    {
        var mail = Write(new EmailMessage("ada@example.org", "Hi\r\nBcc: eve@example.org", "Body"));
        Assert.False(mail.RawHeaders.ContainsKey("Bcc"));
        Assert.Equal("Hi  Bcc: eve@example.org", mail.Header("Subject"));
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("ada@example.org\r\nBcc: eve@example.org")]
    [InlineData("")]
    public void An_invalid_recipient_is_refused(string to)
    {
        Assert.Throws<FormatException>(() => MimeFormatter.Format(new EmailMessage(to, "Subject", "Body"), From, When, "<id@x>"));
    }

    [Fact]
    public void Html_makes_a_multipart_alternative_with_both_bodies()
    {
        var mail = Write(new EmailMessage("zoe@example.org", "Bonjour", "Bonjour Zoé,\n\nvoici le lien.\n", "<p>Bonjour Zoé,</p>\n<p>voici le lien.</p>"));
        Assert.StartsWith("multipart/alternative; boundary=\"", mail.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal("Bonjour Zoé,\r\n\r\nvoici le lien.\r\n", mail.Text);
        Assert.Equal("<p>Bonjour Zoé,</p>\r\n<p>voici le lien.</p>", mail.Html);
    }

    [Fact]
    public void An_international_domain_is_written_in_ascii()
    {
        var mail = Write(new EmailMessage("zoe@exemple-société.fr", "Bonjour", "Body"));
        Assert.Equal("zoe@xn--exemple-socit-mhbb.fr", mail.Header("To"));
    }

    [Fact]
    public void A_very_long_line_is_sent_as_base64()
    {
        var body = "Begin " + new string('é', 1200) + " end";
        var mail = Write(new EmailMessage("ada@example.org", "Long", body));
        Assert.Equal("base64", mail.Header("Content-Transfer-Encoding"));
        Assert.Equal(body, mail.Text);
    }

    [Theory]
    [InlineData("Équipe Enclave <no-reply@enclave.test>", "Équipe Enclave")]
    [InlineData("\"Enclave, Inc.\" <no-reply@enclave.test>", "\"Enclave, Inc.\"")]
    [InlineData("no-reply@enclave.test", null)]
    public void The_sender_display_name_is_written_safely(string from, string? expectedName)
    {
        var mail = Write(new EmailMessage("ada@example.org", "Hi", "Body"), new MailAddress(from));
        Assert.Equal(expectedName is null ? "no-reply@enclave.test" : $"{expectedName} <no-reply@enclave.test>", mail.Header("From"));
    }
}

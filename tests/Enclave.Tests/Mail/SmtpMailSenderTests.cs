using System.Net;
using System.Net.Sockets;
using System.Text;
using Enclave.Tests.Notifications.Delivery;
using Enclave.Tests.Support;

namespace Enclave.Tests.Mail;

/// <summary>Delivery through SMTP to a small listener on loopback that records what it is told.</summary>
public sealed class SmtpMailSenderTests
{
    /// <summary>Accepts connections, answers a minimal SMTP dialogue (no STARTTLS offered) and keeps every line received.</summary>
    private sealed class SmtpListener : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        public List<string> Lines { get; } = [];
        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public SmtpListener()
        {
            _listener.Start();
            _ = ServeAsync();
        }

        private async Task ServeAsync()
        {
            while (true)
            {
                using var client = await _listener.AcceptTcpClientAsync();
                using var stream = client.GetStream();
                using var reader = new StreamReader(stream, new UTF8Encoding(false));
                async Task Say(string line) => await stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"));
                await Say("220 test ESMTP");
                var inData = false;
                while (await reader.ReadLineAsync() is { } line)
                {
                    lock (Lines) Lines.Add(line);
                    if (inData)
                    {
                        if (line == ".") { inData = false; await Say("250 queued"); }
                        continue;
                    }
                    var verb = line.Split(' ')[0].ToUpperInvariant();
                    if (verb == "EHLO") { await Say("250-test"); await Say("250 8BITMIME"); }
                    else if (verb == "DATA") { inData = true; await Say("354 go on"); }
                    else if (verb == "QUIT") { await Say("221 bye"); break; }
                    else await Say("250 ok");
                }
            }
        }

        public void Dispose() => _listener.Stop();
    }

    [Theory, Engines]
    public async Task A_notification_email_is_delivered_over_smtp(Engine engine)
    {
        using var smtp = new SmtpListener();
        using var app = DeliveryWorld.NewApp(engine, new Dictionary<string, string?>
        {
            ["Mail:Smtp:Host"] = "127.0.0.1", ["Mail:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Mail:Smtp:StartTls"] = "false",
            ["Mail:From"] = "Enclave <no-reply@enclave.test>",
        });
        var (alice, bob, _, _, sphere) = await DeliveryWorld.SphereAsync(app);
        lock (smtp.Lines) smtp.Lines.Clear();
        await DeliveryWorld.MentionAsync(alice, sphere, bob, "Over the wire");
        await app.DispatchAsync();
        // The listener records each line before it answers, so the whole dialogue is in by now.
        List<string> lines;
        lock (smtp.Lines) lines = [.. smtp.Lines];
        Assert.StartsWith("EHLO enclave.test", lines[0], StringComparison.Ordinal);
        Assert.Contains("MAIL FROM:<no-reply@enclave.test>", lines);
        Assert.Contains($"RCPT TO:<{bob.User!.Email}>", lines);
        var data = lines.IndexOf("DATA");
        var end = lines.IndexOf(".", data);
        Assert.True(data > 0 && end > data);
        var message = lines[(data + 1)..end];
        Assert.Contains($"To: {bob.User!.Email}", message);
        // The bytes after DATA are a well-formed message (the subject, with «», travels as RFC 2047 encoded words).
        var parsed = Eml.Parse("smtp", string.Join("\r\n", message) + "\r\n");
        Assert.Contains("mentioned you", parsed.Header("Subject"), StringComparison.Ordinal);
        Assert.Contains("Over the wire", parsed.Text, StringComparison.Ordinal);
        Assert.Equal("QUIT", lines[^1]);
        // Nothing went to the outbox.
        Assert.Empty(Eml.ReadOutbox(app.Outbox));
    }
}

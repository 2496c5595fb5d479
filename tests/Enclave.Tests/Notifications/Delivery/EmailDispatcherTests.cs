using Enclave.Server.Data;
using Enclave.Server.Notifications.Delivery;
using Enclave.Tests.Mail;
using Enclave.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.Tests.Notifications.Delivery;

/// <summary>The dispatcher on its own app (it moves the clock): window, daily maximum, digest, the gate at send time, language.</summary>
public sealed class EmailDispatcherTests
{
    [Theory, Engines]
    public async Task A_mention_is_emailed_with_what_the_reader_may_see(Engine engine)
    {
        using var app = DeliveryWorld.NewApp(engine);
        var (alice, bob, _, _, sphere) = await DeliveryWorld.SphereAsync(app);
        await DeliveryWorld.MentionAsync(alice, sphere, bob, "Budget review");
        await app.DispatchAsync();
        var mail = Assert.Single(app.MailsTo(bob.User!.Email));
        Assert.Contains("mentioned you", mail.Header("Subject"), StringComparison.Ordinal);
        Assert.Contains("Budget review", mail.Text, StringComparison.Ordinal);
        // Sent once: a second run finds nothing to do.
        await app.DispatchAsync();
        Assert.Single(app.MailsTo(bob.User!.Email));
        Assert.Empty(app.MailsTo(alice.User!.Email));
    }

    [Theory, Engines]
    public async Task The_email_is_in_the_recipients_language(Engine engine)
    {
        using var app = DeliveryWorld.NewApp(engine);
        var (alice, bob, _, _, sphere) = await DeliveryWorld.SphereAsync(app);
        await bob.PatchOkAsync("/api/v1/me", new { language = "fr" });
        await DeliveryWorld.MentionAsync(alice, sphere, bob);
        await app.DispatchAsync();
        var mail = Assert.Single(app.MailsTo(bob.User!.Email));
        Assert.Contains("vous a mentionné", mail.Header("Subject"), StringComparison.Ordinal);
        Assert.StartsWith("Bonjour", mail.Text, StringComparison.Ordinal);
        Assert.Contains("lang=\"fr\"", mail.Html, StringComparison.Ordinal);
    }

    [Theory, Engines]
    public async Task A_member_removed_before_sending_gets_nothing_about_the_sphere(Engine engine)
    {
        using var app = DeliveryWorld.NewApp(engine);
        var (alice, bob, _, _, sphere) = await DeliveryWorld.SphereAsync(app);
        // Outside bob's window, so the email waits; meanwhile he leaves the sphere.
        var hour = app.Clock.GetUtcNow().UtcDateTime.Hour;
        await DeliveryWorld.SetDeliveryAsync(bob, start: (hour + 2) % 24, end: (hour + 2) % 24 + 1);
        await DeliveryWorld.MentionAsync(alice, sphere, bob, "Secret plans");
        await app.DispatchAsync();
        await alice.DeleteOkAsync($"/api/v1/spheres/{sphere}/members/{bob.UserId}");
        app.Clock.Advance(TimeSpan.FromHours(2));
        await app.DispatchAsync();
        Assert.Empty(app.MailsTo(bob.User!.Email));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EnclaveDb>();
        Assert.Equal(QueuedEmailStatus.Dropped, (await db.QueuedEmails.SingleAsync(q => q.UserId == bob.UserId && q.Kind == Enclave.Server.Notifications.NotificationKind.Mention)).Status);
    }

    [Theory, Engines]
    public async Task Outside_the_window_the_email_waits_until_it_opens(Engine engine)
    {
        using var app = DeliveryWorld.NewApp(engine);
        var (alice, bob, _, _, sphere) = await DeliveryWorld.SphereAsync(app);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var start = (now.Hour + 2) % 24;
        await DeliveryWorld.SetDeliveryAsync(bob, start: start, end: start + 1);
        await DeliveryWorld.MentionAsync(alice, sphere, bob, "Held back");
        await app.DispatchAsync();
        Assert.Empty(app.MailsTo(bob.User!.Email));
        // In-app the notification is there at once.
        Assert.Contains((await bob.GetOkAsync("/api/v1/notifications"))["items"]!.AsArray(), n => n!["kind"]!.GetValue<string>() == "mention");
        app.Clock.Advance(TimeSpan.FromHours(1));
        await app.DispatchAsync();
        Assert.Empty(app.MailsTo(bob.User!.Email));
        app.Clock.Advance(TimeSpan.FromHours(1) - TimeSpan.FromMinutes(now.Minute) + TimeSpan.FromMinutes(1));
        await app.DispatchAsync();
        var mail = Assert.Single(app.MailsTo(bob.User!.Email));
        Assert.Contains("Held back", mail.Text, StringComparison.Ordinal);
    }

    [Theory, Engines]
    public async Task Over_the_daily_maximum_the_rest_goes_into_the_next_digest(Engine engine)
    {
        using var app = DeliveryWorld.NewApp(engine);
        var (alice, bob, _, _, sphere) = await DeliveryWorld.SphereAsync(app);
        var delivery = await bob.PutOkAsync("/api/v1/me/notification-delivery", new
        {
            timeZone = "UTC", days = new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" },
            startHour = 0, endHour = 24, digest = "daily", dailyMax = 1,
        });
        var nextDigest = delivery["nextDigestAt"]!.GetValue<DateTime>();
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime.Date.AddDays(1), nextDigest.ToUniversalTime());
        await DeliveryWorld.MentionAsync(alice, sphere, bob, "First one");
        await DeliveryWorld.MentionAsync(alice, sphere, bob, "Second one");
        await DeliveryWorld.MentionAsync(alice, sphere, bob, "Third one");
        await app.DispatchAsync();
        var first = Assert.Single(app.MailsTo(bob.User!.Email));
        Assert.Contains("First one", first.Text, StringComparison.Ordinal);
        // Single emails never carry the unsubscribe header: only digests do.
        Assert.False(first.RawHeaders.ContainsKey("List-Unsubscribe"));

        app.Clock.Advance(nextDigest.ToUniversalTime() - app.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(1));
        await app.DispatchAsync();
        var mails = app.MailsTo(bob.User!.Email);
        Assert.Equal(2, mails.Count);
        var digest = mails[1];
        Assert.Contains("digest", digest.Header("Subject"), StringComparison.Ordinal);
        Assert.Contains("Second one", digest.Text, StringComparison.Ordinal);
        Assert.Contains("Third one", digest.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("First one", digest.Text, StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", digest.Header("List-Unsubscribe-Post"));
        var unsubscribe = new Uri(digest.Header("List-Unsubscribe").Trim('<', '>'));
        Assert.Equal("/api/v1/notifications/unsubscribe", unsubscribe.AbsolutePath);

        // The one-click link works without any session; a tampered one is refused.
        var anonymous = app.Anonymous();
        await Api.ProblemAsync(anonymous.PostAsync(unsubscribe.PathAndQuery + "x"), System.Net.HttpStatusCode.BadRequest, "unsubscribe_token_invalid");
        var response = await anonymous.Http.PostAsync(unsubscribe.PathAndQuery, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(System.Net.HttpStatusCode.NoContent, response.StatusCode);
        var after = await bob.GetOkAsync("/api/v1/me/notification-delivery");
        Assert.Equal("never", after["digest"]!.GetValue<string>());
        Assert.Null(after["nextDigestAt"]?.GetValue<DateTime?>());
    }

    [Theory, Engines]
    public async Task A_digest_waits_for_the_window_and_then_lists_unread_activity(Engine engine)
    {
        using var app = DeliveryWorld.NewApp(engine);
        var (alice, bob, _, _, sphere) = await DeliveryWorld.SphereAsync(app);
        // Comments email nobody by default: they reach bob only through the digest.
        var post = (await bob.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "My proposal" }))["id"]!.GetValue<Guid>();
        var delivery = await bob.PutOkAsync("/api/v1/me/notification-delivery", new
        {
            timeZone = "Europe/Paris", days = new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" },
            startHour = 9, endHour = 10, digest = "daily", dailyMax = (int?)null,
        });
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await alice.PostOkAsync($"/api/v1/posts/{post}/comments", new { body = "Great idea" });
        var midnight = delivery["nextDigestAt"]!.GetValue<DateTime>().ToUniversalTime();
        app.Clock.Advance(midnight - app.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(1));
        Assert.Equal(0, DeliveryWindow.Local(new DeliverySettings { TimeZone = "Europe/Paris" }, midnight).Hour);
        await app.DispatchAsync();
        Assert.Empty(app.MailsTo(bob.User!.Email));
        app.Clock.Advance(TimeSpan.FromHours(9));
        await app.DispatchAsync();
        var digest = Assert.Single(app.MailsTo(bob.User!.Email));
        Assert.Contains("commented on your post", digest.Text, StringComparison.Ordinal);
        Assert.Contains("Great idea", digest.Text, StringComparison.Ordinal);
    }
}

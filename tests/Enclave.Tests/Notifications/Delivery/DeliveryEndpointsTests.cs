using System.Net;
using System.Text.RegularExpressions;
using Enclave.Tests.Mail;
using Enclave.Tests.Support;

namespace Enclave.Tests.Notifications.Delivery;

public sealed partial class DeliveryEndpointsTests
{
    [Theory, Engines]
    public async Task Bad_input_is_a_400_naming_the_fields(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var bob = await app.SignUpAsync();
        var problem = await Api.ProblemAsync(bob.PutAsync("/api/v1/me/notification-delivery", new
        {
            timeZone = "Mars/Olympus", days = Array.Empty<string>(), startHour = 9, endHour = 25, digest = "weekly", dailyMax = 3,
        }), HttpStatusCode.BadRequest, "validation_failed");
        foreach (var field in new[] { "timeZone", "days", "endHour", "dailyMax" }) Assert.NotNull(problem["errors"]![field]);
        var kind = await Api.ProblemAsync(bob.PutAsync("/api/v1/me/notification-channels", new { channels = new[] { new { kind = "gossip", inApp = true, email = true } } }),
            HttpStatusCode.BadRequest);
        Assert.NotNull(kind["errors"]!["channels[0].kind"]);
        var org = await bob.CreateOrganizationAsync();
        var address = await Api.ProblemAsync(bob.PutAsync($"/api/v1/organizations/{org}/notification-address", new { addressId = Guid.NewGuid() }),
            HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(address["errors"]!["addressId"]);
        // Nothing was saved by the refused request.
        Assert.Equal("never", (await bob.GetOkAsync("/api/v1/me/notification-delivery"))["digest"]!.GetValue<string>());
    }

    [Theory, Engines]
    public async Task Weekly_and_monthly_digests_are_scheduled_on_local_boundaries(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var bob = await app.SignUpAsync();
        var weekly = await bob.PutOkAsync("/api/v1/me/notification-delivery", new { timeZone = "Europe/Paris", days = new[] { "monday", "friday" }, startHour = 8, endHour = 18, digest = "weekly", dailyMax = 10 });
        var next = TimeZoneInfo.ConvertTimeFromUtc(weekly["nextDigestAt"]!.GetValue<DateTime>().ToUniversalTime(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
        Assert.Equal((DayOfWeek.Monday, 0, 0), (next.DayOfWeek, next.Hour, next.Minute));
        Assert.Equal(["monday", "friday"], weekly["days"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal(10, weekly["dailyMax"]!.GetValue<int>());
        var monthly = await bob.PutOkAsync("/api/v1/me/notification-delivery", new { timeZone = "UTC", days = new[] { "monday" }, startHour = 0, endHour = 24, digest = "monthly", dailyMax = (int?)null });
        var first = monthly["nextDigestAt"]!.GetValue<DateTime>().ToUniversalTime();
        Assert.Equal((1, 0), (first.Day, first.Hour));
        Assert.True(first > app.Clock.GetUtcNow().UtcDateTime);
        Assert.Null(monthly["dailyMax"]?.GetValue<int?>());
    }

    [Theory, Engines]
    public async Task A_sphere_preference_overrides_the_organization_which_overrides_the_account(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, org, sphere) = await DeliveryWorld.SphereAsync(app);
        await bob.PutOkAsync("/api/v1/me/notification-channels", new { channels = new[] { new { kind = "mentions", inApp = (bool?)true, email = (bool?)true } } });
        await bob.PutOkAsync($"/api/v1/organizations/{org}/notification-channels", new { channels = new[] { new { kind = "mentions", inApp = (bool?)false, email = (bool?)false } } });
        var channels = await bob.GetOkAsync($"/api/v1/spheres/{sphere}/notification-channels");
        var mentions = channels["channels"]!.AsArray().Single(c => c!["kind"]!.GetValue<string>() == "mentions")!;
        Assert.False(mentions["effectiveInApp"]!.GetValue<bool>());
        var silenced = await DeliveryWorld.MentionAsync(alice, sphere, bob);
        Assert.DoesNotContain((await bob.GetOkAsync("/api/v1/notifications"))["items"]!.AsArray(), n => n!["postId"]?.GetValue<Guid>() == silenced);
        var set = await bob.PutOkAsync($"/api/v1/spheres/{sphere}/notification-channels", new { channels = new[] { new { kind = "mentions", inApp = (bool?)true, email = (bool?)null } } });
        var view = set["channels"]!.AsArray().Single(c => c!["kind"]!.GetValue<string>() == "mentions")!;
        Assert.True(view["effectiveInApp"]!.GetValue<bool>());
        Assert.False(view["effectiveEmail"]!.GetValue<bool>());
        var heard = await DeliveryWorld.MentionAsync(alice, sphere, bob);
        Assert.Contains((await bob.GetOkAsync("/api/v1/notifications"))["items"]!.AsArray(), n => n!["postId"]?.GetValue<Guid>() == heard);
        // Someone outside the sphere cannot read or set its preferences.
        var stranger = await app.SignUpAsync();
        await Api.ProblemAsync(stranger.GetAsync($"/api/v1/spheres/{sphere}/notification-channels"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(stranger.GetAsync($"/api/v1/organizations/{org}/notification-channels"), HttpStatusCode.NotFound, "not_found");
    }

    [Theory, Engines]
    public async Task An_added_address_is_confirmed_by_its_link_and_chosen_per_organization(Engine engine)
    {
        using var app = DeliveryWorld.NewApp(engine);
        var (alice, bob, _, org, sphere) = await DeliveryWorld.SphereAsync(app);
        var work = $"work-{bob.User!.UserName}@example.net";
        var added = await bob.OkAsync(bob.PostAsync("/api/v1/me/email-addresses", new { address = work }));
        var addressId = added["id"]!.GetValue<Guid>();
        Assert.False(added["confirmed"]!.GetValue<bool>());
        // Unconfirmed, it cannot be chosen yet.
        var early = await Api.ProblemAsync(bob.PutAsync($"/api/v1/organizations/{org}/notification-address", new { addressId }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(early["errors"]!["addressId"]);
        var confirmation = Assert.Single(app.MailsTo(work));
        var token = Uri.UnescapeDataString(TokenPattern().Match(confirmation.Text!).Groups[1].Value);
        await Api.ProblemAsync(app.Anonymous().PostAsync("/api/v1/email-addresses/confirm", new { token = token + "x" }), HttpStatusCode.BadRequest, "confirmation_token_invalid");
        Assert.True((await app.Anonymous().PostOkAsync("/api/v1/email-addresses/confirm", new { token }))["confirmed"]!.GetValue<bool>());
        await Api.ProblemAsync(app.Anonymous().PostAsync("/api/v1/email-addresses/confirm", new { token }), HttpStatusCode.BadRequest, "confirmation_token_invalid");
        var chosen = await bob.PutOkAsync($"/api/v1/organizations/{org}/notification-address", new { addressId });
        Assert.Equal(work, chosen["address"]!.GetValue<string>());

        await DeliveryWorld.MentionAsync(alice, sphere, bob, "To the work address");
        await app.DispatchAsync();
        Assert.Contains(app.MailsTo(work), m => m.Text!.Contains("To the work address", StringComparison.Ordinal));
        Assert.Empty(app.MailsTo(bob.User!.Email));
        // Removing the address sends that organization's email back to the account's own.
        await bob.OkAsync(bob.DeleteAsync($"/api/v1/me/email-addresses/{addressId}"));
        Assert.Equal(bob.User!.Email, (await bob.GetOkAsync($"/api/v1/organizations/{org}/notification-address"))["address"]!.GetValue<string>());
    }

    [GeneratedRegex(@"confirm-email\?token=(\S+)")]
    private static partial Regex TokenPattern();
}

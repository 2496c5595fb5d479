using Enclave.Server.Tools.Events;
using Enclave.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Enclave.Tests.Tools.Events.EventTestWorld;

namespace Enclave.Tests.Tools.Events;

public sealed class ReminderTests
{
    private static async Task<int> RunAsync(EnclaveApp app)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<EventReminders>().RunDueAsync(CancellationToken.None);
    }

    private static async Task<int> RemindersAsync(Api api, Guid eventId) =>
        (await api.GetOkAsync("/api/v1/notifications?limit=100"))["items"]!.AsArray()
            .Count(n => n!["kind"]!.GetValue<string>() == "event_reminder" && n["detail"]?.GetValue<string>() == $"Reminder {eventId}");

    [Theory, Engines]
    public async Task Yes_and_maybe_attendees_are_reminded_once_from_the_schedule_in_the_database(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, org, sphere) = await SphereAsync(app);
        var carol = await MemberAsync(app, alice, org, sphere);
        // Starts in 10 hours, reminder 9 hours before: due in one hour.
        var created = await CreateAsync(alice, app, sphere, "pending", inHours: 10, remind: 9 * 60);
        var id = created.Id();
        await alice.PatchOkAsync($"/api/v1/events/{id}", new { title = $"Reminder {id}" });
        await alice.PutOkAsync($"/api/v1/events/{id}/rsvp", new { response = "yes" });
        await bob.PutOkAsync($"/api/v1/events/{id}/rsvp", new { response = "maybe" });
        await carol.PutOkAsync($"/api/v1/events/{id}/rsvp", new { response = "no" });

        await RunAsync(app);
        Assert.Equal(0, await RemindersAsync(bob, id));
        app.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.True(await RunAsync(app) >= 1);
        await RunAsync(app);
        Assert.Equal(1, await RemindersAsync(alice, id));
        Assert.Equal(1, await RemindersAsync(bob, id));
        Assert.Equal(0, await RemindersAsync(carol, id));
        var note = (await bob.GetOkAsync("/api/v1/notifications?limit=100"))["items"]!.AsArray()
            .First(n => n!["kind"]!.GetValue<string>() == "event_reminder" && n["detail"]?.GetValue<string>() == $"Reminder {id}")!;
        Assert.Equal($"/events/{id}", note["url"]!.GetValue<string>());
    }
}

using System.Net;
using Enclave.Tests.Support;
using Enclave.Tests.Tools.Events;

namespace Enclave.Tests.Tools.Meetings;

public sealed class MeetingTests
{
    [Theory, Engines]
    public async Task Administrators_create_and_reset_a_sphere_room_that_only_readers_see(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, outsider, _, sphere) = await EventTestWorld.SphereAsync(app);
        await Api.ProblemAsync(bob.GetAsync($"/api/v1/spheres/{sphere}/meeting"), HttpStatusCode.NotFound);
        await Api.ProblemAsync(bob.PostAsync($"/api/v1/spheres/{sphere}/meeting"), HttpStatusCode.Forbidden, "not_sphere_admin");
        var url = (await alice.PostOkAsync($"/api/v1/spheres/{sphere}/meeting"))["url"]!.GetValue<string>();
        Assert.StartsWith("https://meet.example.org/enclave-", url);
        var room = url["https://meet.example.org/".Length..];
        // 18 random bytes in base64url after the prefix: at least 128 bits, URL-safe.
        Assert.Matches("^enclave-[A-Za-z0-9_-]{24}$", room);
        Assert.Equal(url, (await bob.GetOkAsync($"/api/v1/spheres/{sphere}/meeting"))["url"]!.GetValue<string>());
        await Api.ProblemAsync(outsider.GetAsync($"/api/v1/spheres/{sphere}/meeting"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(outsider.PostAsync($"/api/v1/spheres/{sphere}/meeting"), HttpStatusCode.NotFound);
        var reset = (await alice.PostOkAsync($"/api/v1/spheres/{sphere}/meeting"))["url"]!.GetValue<string>();
        Assert.NotEqual(url, reset);
        Assert.Equal(reset, (await bob.GetOkAsync($"/api/v1/spheres/{sphere}/meeting"))["url"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync($"/api/v1/spheres/{sphere}/meeting")).StatusCode);
        await Api.ProblemAsync(bob.GetAsync($"/api/v1/spheres/{sphere}/meeting"), HttpStatusCode.NotFound);
    }

    [Theory, Engines]
    public async Task An_event_room_shows_in_the_event_for_its_readers_only(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, outsider, _, sphere) = await EventTestWorld.SphereAsync(app);
        var id = (await EventTestWorld.CreateAsync(alice, app, sphere)).Id();
        Assert.Null((await bob.GetOkAsync($"/api/v1/events/{id}"))["meetingUrl"]);
        await Api.ProblemAsync(bob.PostAsync($"/api/v1/events/{id}/meeting"), HttpStatusCode.Forbidden, "not_event_organizer");
        await Api.ProblemAsync(outsider.PostAsync($"/api/v1/events/{id}/meeting"), HttpStatusCode.NotFound);
        var url = (await alice.PostOkAsync($"/api/v1/events/{id}/meeting"))["url"]!.GetValue<string>();
        var seen = await bob.GetOkAsync($"/api/v1/events/{id}");
        Assert.Equal(url, seen["meetingUrl"]!.GetValue<string>());
        Assert.Equal(1, seen["sequence"]!.GetValue<int>());
        var rooms = new HashSet<string>();
        for (var i = 0; i < 20; i++) rooms.Add((await alice.PostOkAsync($"/api/v1/events/{id}/meeting"))["url"]!.GetValue<string>());
        Assert.Equal(20, rooms.Count);
    }

    [Theory, Engines]
    public async Task Without_a_provider_there_are_no_rooms(Engine engine)
    {
        using var app = new EnclaveApp(engine, new Dictionary<string, string?> { ["Meetings:BaseUrl"] = "" });
        var (alice, _, _, _, sphere) = await EventTestWorld.SphereAsync(app);
        await Api.ProblemAsync(alice.PostAsync($"/api/v1/spheres/{sphere}/meeting"), HttpStatusCode.Conflict, "meetings_not_configured");
        var id = (await EventTestWorld.CreateAsync(alice, app, sphere)).Id();
        await Api.ProblemAsync(alice.PostAsync($"/api/v1/events/{id}/meeting"), HttpStatusCode.Conflict, "meetings_not_configured");
        Assert.Null((await alice.GetOkAsync($"/api/v1/events/{id}"))["meetingUrl"]);
    }
}

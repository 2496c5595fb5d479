using System.Net;
using Enclave.Tests.Support;
using static Enclave.Tests.Tools.Events.EventTestWorld;

namespace Enclave.Tests.Tools.Events;

public sealed class EventEndpointsTests
{
    [Theory, Engines]
    public async Task Members_create_read_edit_and_cancel_events_and_outsiders_get_not_found(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, outsider, _, sphere) = await SphereAsync(app);
        var created = await CreateAsync(alice, app, sphere, "Kick-off");
        var id = created.Id();
        Assert.Equal("meeting", created["type"]!.GetValue<string>());
        Assert.Equal("Europe/Paris", created["timeZone"]!.GetValue<string>());
        Assert.Equal(0, created["sequence"]!.GetValue<int>());
        Assert.Contains("<em>ideas</em>", created["descriptionHtml"]!.GetValue<string>());
        Assert.True(created["canEdit"]!.GetValue<bool>());

        var seen = await bob.GetOkAsync($"/api/v1/events/{id}");
        Assert.Equal("Kick-off", seen["title"]!.GetValue<string>());
        Assert.False(seen["canEdit"]!.GetValue<bool>());
        await Api.ProblemAsync(outsider.GetAsync($"/api/v1/events/{id}"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(app.Anonymous().GetAsync($"/api/v1/events/{id}"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(outsider.GetAsync($"/api/v1/spheres/{sphere}/events"), HttpStatusCode.NotFound);
        await Api.ProblemAsync(outsider.PutAsync($"/api/v1/events/{id}/rsvp", new { response = "yes" }), HttpStatusCode.NotFound);
        await Api.ProblemAsync(bob.PatchAsync($"/api/v1/events/{id}", new { title = "Mine now" }), HttpStatusCode.Forbidden, "not_event_organizer");

        var list = await bob.GetOkAsync($"/api/v1/spheres/{sphere}/events");
        Assert.Equal([id], list["items"]!.AsArray().Select(e => e!.Id()));

        var edited = await alice.PatchOkAsync($"/api/v1/events/{id}", new { title = "Kick-off, moved", start = "2030-03-10T09:30", end = "2030-03-10T11:00" });
        Assert.Equal(1, edited["sequence"]!.GetValue<int>());
        // A wall time without offset is read in the event's zone: 09:30 in Paris in March is 08:30 UTC.
        Assert.Equal(new DateTime(2030, 3, 10, 8, 30, 0, DateTimeKind.Utc), edited["start"]!.GetValue<DateTime>().ToUniversalTime());
        Assert.Equal("Room 4", edited["place"]!.GetValue<string>());

        await bob.PutOkAsync($"/api/v1/events/{id}/rsvp", new { response = "maybe" });
        var cancelled = await alice.PostOkAsync($"/api/v1/events/{id}/cancel");
        Assert.Equal("cancelled", cancelled["status"]!.GetValue<string>());
        Assert.Equal(2, cancelled["sequence"]!.GetValue<int>());
        await Api.ProblemAsync(bob.PutAsync($"/api/v1/events/{id}/rsvp", new { response = "yes" }), HttpStatusCode.Conflict, "event_cancelled");
        var notes = (await bob.GetOkAsync("/api/v1/notifications"))["items"]!.AsArray();
        Assert.Contains(notes, n => n!["kind"]!.GetValue<string>() == "event_cancelled");
    }

    [Theory, Engines]
    public async Task Bad_input_is_refused_with_the_faulty_fields_and_saves_nothing(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, _, _, _, sphere) = await SphereAsync(app);
        var problem = await Api.ProblemAsync(alice.PostAsync($"/api/v1/spheres/{sphere}/events", new
        {
            type = "social", title = "", start = "2030-01-02T10:00Z", end = "2030-01-02T09:00Z", timeZone = "Mars/Olympus",
            onlineUrl = "javascript:alert(1)", capacity = -2,
        }), HttpStatusCode.BadRequest, "validation_failed");
        var errors = problem["errors"]!.AsObject();
        foreach (var field in new[] { "title", "end", "timeZone", "onlineUrl", "capacity" }) Assert.True(errors.ContainsKey(field), field);
        await Api.ProblemAsync(alice.PostAsync($"/api/v1/spheres/{sphere}/events", new { type = "party", title = "x", start = "now", end = "later" }),
            HttpStatusCode.BadRequest);
        await Api.ProblemAsync(alice.PostAsync($"/api/v1/spheres/{sphere}/events", new { type = "other", title = "x", start = "soon", end = "2030-01-01T10:00Z" }),
            HttpStatusCode.BadRequest, "validation_failed");
        await Api.ProblemAsync(alice.GetAsync($"/api/v1/spheres/{sphere}/events?from=2030-01-01&to=2020-01-01"), HttpStatusCode.BadRequest, "validation_failed");
        await Api.ProblemAsync(alice.GetAsync($"/api/v1/spheres/{sphere}/events?cursor=garbage"), HttpStatusCode.BadRequest, "validation_failed");
        var list = await alice.GetOkAsync($"/api/v1/spheres/{sphere}/events?from=2029-06-01T00:00:00Z&to=2030-06-01T00:00:00Z");
        Assert.Empty(list["items"]!.AsArray());
    }

    [Theory, Engines]
    public async Task The_range_query_pages_by_start_and_my_agenda_spans_my_spheres_only(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, outsider, org, sphere) = await SphereAsync(app);
        var second = await alice.CreateSphereAsync(org);
        await alice.InviteAndAcceptAsync($"/api/v1/spheres/{second}", bob);
        var hidden = await alice.CreateSphereAsync(org);
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++) ids.Add((await CreateAsync(alice, app, i % 2 == 0 ? sphere : second, $"E{i}", inHours: 24 * (5 - i))).Id());
        var secret = (await CreateAsync(alice, app, hidden, "Board only", inHours: 30)).Id();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var range = $"from={Iso(now)}&to={Iso(now.AddDays(10))}";

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await bob.GetOkAsync($"/api/v1/agenda?{range}&limit=2{(cursor is null ? "" : "&cursor=" + cursor)}");
            seen.AddRange(page["items"]!.AsArray().Select(e => e!.Id()));
            cursor = page["nextCursor"]?.GetValue<string>();
        } while (cursor is not null);
        Assert.Equal(Enumerable.Reverse(ids), seen);
        Assert.DoesNotContain(secret, seen);
        Assert.Contains(secret, (await alice.GetOkAsync($"/api/v1/agenda?{range}"))["items"]!.AsArray().Select(e => e!.Id()));
        Assert.Empty((await outsider.GetOkAsync($"/api/v1/agenda?{range}"))["items"]!.AsArray());

        var sphereOnly = await bob.GetOkAsync($"/api/v1/spheres/{sphere}/events?{range}");
        Assert.Equal(new[] { ids[4], ids[2], ids[0] }, sphereOnly["items"]!.AsArray().Select(e => e!.Id()));
        // A narrower window: only what overlaps it.
        var day = now.AddDays(2);
        var narrow = await bob.GetOkAsync($"/api/v1/spheres/{second}/events?from={Iso(day.AddHours(-1))}&to={Iso(day.AddHours(1))}");
        Assert.Equal([ids[3]], narrow["items"]!.AsArray().Select(e => e!.Id()));

        await bob.PutOkAsync($"/api/v1/events/{ids[1]}/rsvp", new { response = "yes" });
        await bob.PutOkAsync($"/api/v1/events/{ids[2]}/rsvp", new { response = "no" });
        var mine = await bob.GetOkAsync($"/api/v1/agenda?{range}&mine=true");
        Assert.Equal([ids[1]], mine["items"]!.AsArray().Select(e => e!.Id()));
        Assert.Equal("yes", mine["items"]![0]!["myRsvp"]!.GetValue<string>());
    }

    [Theory, Engines]
    public async Task Readers_of_a_public_sphere_see_events_but_only_members_answer(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, outsider, _, sphere) = await SphereAsync(app, "public");
        var id = (await CreateAsync(alice, app, sphere)).Id();
        Assert.Equal(id, (await outsider.GetOkAsync($"/api/v1/events/{id}")).Id());
        Assert.False((await outsider.GetOkAsync($"/api/v1/events/{id}"))["canRespond"]!.GetValue<bool>());
        await Api.ProblemAsync(outsider.PutAsync($"/api/v1/events/{id}/rsvp", new { response = "yes" }), HttpStatusCode.Forbidden, "members_only");
        await Api.ProblemAsync(bob.PutAsync($"/api/v1/events/{id}/rsvp", new { response = "waiting" }), HttpStatusCode.BadRequest, "validation_failed");
        await Api.ProblemAsync(bob.PutAsync($"/api/v1/events/{id}/rsvp", new { }), HttpStatusCode.BadRequest, "validation_failed");
        await Api.ProblemAsync(outsider.PostAsync($"/api/v1/spheres/{sphere}/events", new { type = "other", title = "x", start = "2030-01-01T10:00Z", end = "2030-01-01T11:00Z" }),
            HttpStatusCode.Forbidden);
        var answer = await bob.PutOkAsync($"/api/v1/events/{id}/rsvp", new { response = "maybe" });
        Assert.Equal("maybe", answer["status"]!.GetValue<string>());
        Assert.Equal(1, answer["counts"]!["maybe"]!.GetValue<int>());
        var attendees = await outsider.GetOkAsync($"/api/v1/events/{id}/attendees");
        Assert.Equal([bob.UserId], attendees["items"]!.AsArray().Select(a => a!["user"]!["id"]!.GetValue<Guid>()));
    }
}

using System.Text;
using Enclave.Server.Spheres;
using Enclave.Tests.Tools.Events;

namespace Enclave.Tests.Access.Watertightness.Tools;

/// <summary>
/// Events, calendars and video rooms: each chosen sphere gets a capped event with answers (one
/// "yes", one waiting), a cancelled event and, where an administrator can act, a video room. Every
/// persona then walks the sphere calendars, each event (JSON, attendees, .ics, page), the sphere
/// page, "my agenda", their own secret feed (exact UIDs) and the room links, against the oracle.
/// </summary>
public sealed class EventsProbe : IToolProbe
{
    private readonly Dictionary<Guid, List<Guid>> _events = [];
    private readonly Dictionary<Guid, List<Guid>> _answers = [];
    private readonly HashSet<Guid> _rooms = [];
    private readonly Dictionary<Guid, string> _feeds = [];
    private string? _revokedFeed;

    public string Tool => "events";

    public IEnumerable<string> Required() =>
    [
        "events list 200", "events list 404", "event 200", "event 404", "event attendees 200", "event attendees 404",
        "event ics 200", "event ics 404", "events page 200", "events page 404", "event page 200", "event page 404",
        "agenda 200", "calendar feed 200", "calendar feed revoked 404", "sphere meeting 200", "sphere meeting 404",
    ];

    public async Task SeedAsync(ToolWorld world)
    {
        var start = DateTime.UtcNow.AddDays(3);
        foreach (var s in world.Spheres)
        {
            var writer = world.Writers(s)[0];
            var ids = new List<Guid>();
            for (var i = 0; i < 2; i++)
            {
                var created = await world.WriteAsync(writer, HttpMethod.Post, $"/api/v1/spheres/{s.Id}/events", new
                {
                    type = i == 0 ? "training" : "social", title = $"Event {i} of {world.W.Name(s.Id)}", start = EventTestWorld.Iso(start.AddHours(i)),
                    end = EventTestWorld.Iso(start.AddHours(i + 1)), timeZone = "Europe/Paris", capacity = i == 0 ? 1 : (int?)null,
                });
                if (created?["id"]?.GetValue<Guid>() is { } id) ids.Add(id);
            }
            _events[s.Id] = ids;
            if (ids.Count < 2) continue;
            var answered = new List<Guid>();
            foreach (var person in world.Participants(s).Take(2))
                if (await world.WriteAsync(person, HttpMethod.Put, $"/api/v1/events/{ids[0]}/rsvp", new { response = "yes" }) is not null) answered.Add(person);
            _answers[ids[0]] = answered;
            _answers[ids[1]] = [];
            await world.WriteAsync(writer, HttpMethod.Post, $"/api/v1/events/{ids[1]}/cancel");
            await world.WriteAsync(writer, HttpMethod.Post, $"/api/v1/events/{ids[0]}/meeting");
            var admin = world.Participants(s).FirstOrDefault(u => world.Oracle.Sphere(u, s).CanAdminister);
            if (admin != Guid.Empty && await world.WriteAsync(admin, HttpMethod.Post, $"/api/v1/spheres/{s.Id}/meeting") is not null) _rooms.Add(s.Id);
        }
        foreach (var user in world.W.Users)
        {
            var feed = await world.WriteAsync(user.Id, HttpMethod.Post, "/api/v1/calendar/feed");
            if (feed?["url"]?.GetValue<string>() is { } url) _feeds[user.Id] = new Uri(url).PathAndQuery;
        }
        // One person regenerates: their old address must be dead.
        if (world.W.Users.FirstOrDefault() is { } first && _feeds.TryGetValue(first.Id, out var old) &&
            await world.WriteAsync(first.Id, HttpMethod.Post, "/api/v1/calendar/feed") is { } renewed)
        {
            _revokedFeed = old;
            _feeds[first.Id] = new Uri(renewed["url"]!.GetValue<string>()).PathAndQuery;
        }
    }

    public async Task CheckAsync(ToolWorld world, Persona viewer)
    {
        foreach (var s in world.Spheres)
        {
            if (!_events.TryGetValue(s.Id, out var ids)) continue;
            var reads = world.Reads(viewer.UserId, s);
            var target = world.Describe(viewer, s);
            await world.ListAsync(viewer, "events list", target, $"/api/v1/spheres/{s.Id}/events", reads, ids.ToHashSet());
            foreach (var id in ids)
            {
                var body = await world.ItemAsync(viewer, "event", target, $"/api/v1/events/{id}", reads);
                if (body is not null && id == ids[0] && body["meetingUrl"] is null)
                    world.Probe.Fail(viewer, target, $"/api/v1/events/{id}", "the event's meeting link", "none");
                await world.ListAsync(viewer, "event attendees", target, $"/api/v1/events/{id}/attendees", reads,
                    _answers.GetValueOrDefault(id, []).ToHashSet(), idOf: a => a["user"]!["id"]!.GetValue<Guid>());
                // The single-event download asks for an account first, then the gate.
                var ics = await world.RawAsync(viewer, viewer.UserId is null ? "event ics anonymous" : "event ics", target,
                    $"/api/v1/events/{id}/event.ics", viewer.UserId is null ? 401 : reads ? 200 : 404);
                if (ics is not null && !Uids(world, viewer, target, ics).SetEquals([id]))
                    world.Probe.Fail(viewer, target, $"/api/v1/events/{id}/event.ics", $"UID {id}", "other UIDs");
                await world.PageAsync(viewer, "event page", target, $"/events/{id}", reads, [$"data-event-id=\"{id}\""]);
            }
            await world.PageAsync(viewer, "events page", target, $"/s/{s.Id}/events", reads, ids.Select(id => $"data-event-id=\"{id}\""));
            if (_rooms.Contains(s.Id)) await world.ItemAsync(viewer, "sphere meeting", target, $"/api/v1/spheres/{s.Id}/meeting", reads);
        }
        if (viewer.UserId is not { } me)
        {
            await world.RawAsync(viewer, "agenda anonymous", "agenda", "/api/v1/agenda", 401);
            if (_revokedFeed is not null) await world.RawAsync(viewer, "calendar feed revoked", "old feed", _revokedFeed, 404, bearer: false);
            return;
        }
        // "My agenda" and the feed: events of the spheres the person reads as a member, nothing else.
        var mine = world.Spheres.Where(s => world.Participates(me, s)).SelectMany(s => _events.GetValueOrDefault(s.Id, [])).ToHashSet();
        await world.ListAsync(viewer, "agenda", "agenda", "/api/v1/agenda", true, mine);
        if (_feeds.TryGetValue(me, out var feed) && await world.RawAsync(viewer, "calendar feed", "own feed", feed, 200, bearer: false) is { } bytes)
        {
            var uids = Uids(world, viewer, "own feed", bytes);
            if (!uids.SetEquals(mine))
                world.Probe.Fail(viewer, "own feed", feed, $"{mine.Count} events", $"{uids.Count} events; unexpected [{string.Join(", ", uids.Except(mine).Select(world.W.Name))}]; missing [{string.Join(", ", mine.Except(uids).Select(world.W.Name))}]");
        }
    }

    private static HashSet<Guid> Uids(ToolWorld world, Persona viewer, string target, byte[] ics)
    {
        try
        {
            // Other probes' events never exist, so every UID is one of ours.
            return ICalendarParser.Parse(ics).Events.Select(e => Guid.Parse(e["UID"]!.Value.Split('@')[0])).ToHashSet();
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            world.Probe.Fail(viewer, target, "(calendar)", "valid iCalendar", e.Message);
            return [];
        }
    }
}

using System.Net;
using System.Text;
using Enclave.Server.Tools.Events;
using Enclave.Tests.Support;
using static Enclave.Tests.Tools.Events.EventTestWorld;

namespace Enclave.Tests.Tools.Events;

/// <summary>The iCalendar export against RFC 5545's rules, read back with the tests' own parser.</summary>
public sealed class ICalendarTests
{
    [Fact]
    public void Long_lines_fold_at_75_octets_without_splitting_characters_and_text_is_escaped()
    {
        var title = string.Concat(Enumerable.Repeat("Réunion 🎉 été, ", 12)) + "fin";
        var description = "Line one; with \\ backslash\r\nLine two, comma\nLast";
        var entry = new CalendarEntry(Guid.NewGuid(), title, description, new DateTime(2030, 5, 1, 8, 0, 0, DateTimeKind.Utc),
            new DateTime(2030, 5, 1, 9, 30, 0, DateTimeKind.Utc), "Europe/Paris", "Salle 3, bâtiment B", "https://example.org/a?b=c;d", EventStatus.Scheduled, 4,
            DateTime.UtcNow, "Équipe");
        var bytes = Encoding.UTF8.GetBytes(ICalendarWriter.Write([entry], new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc), "Cal"));
        var text = Encoding.UTF8.GetString(bytes);
        Assert.Contains("\r\n ", text); // folded
        var calendar = ICalendarParser.Parse(bytes);
        Assert.Equal("VCALENDAR", calendar.Name);
        Assert.Equal("2.0", calendar["VERSION"]!.Value);
        Assert.NotNull(calendar["PRODID"]);
        var ev = Assert.Single(calendar.Events);
        Assert.Equal(title, ev["SUMMARY"]!.Text);
        Assert.Equal("Line one; with \\ backslash\nLine two, comma\nLast", ev["DESCRIPTION"]!.Text);
        Assert.Contains(@"\;", ev["DESCRIPTION"]!.Value);
        Assert.Contains(@"\,", ev["DESCRIPTION"]!.Value);
        Assert.Contains(@"\\", ev["DESCRIPTION"]!.Value);
        Assert.Contains(@"\n", ev["DESCRIPTION"]!.Value);
        Assert.DoesNotContain('\n', ev["DESCRIPTION"]!.Value);
        Assert.Equal("Salle 3, bâtiment B", ev["LOCATION"]!.Text);
        Assert.Equal("20300501T080000Z", ev["DTSTART"]!.Value);
        Assert.Equal("20300501T093000Z", ev["DTEND"]!.Value);
        Assert.Equal("4", ev["SEQUENCE"]!.Value);
        Assert.Equal("CONFIRMED", ev["STATUS"]!.Value);
        Assert.Equal($"{entry.Id:D}@enclave", ev["UID"]!.Value);
        Assert.Matches("^[0-9]{8}T[0-9]{6}Z$", ev["DTSTAMP"]!.Value);
    }

    [Fact]
    public void The_parser_rejects_what_the_rules_forbid()
    {
        Assert.Throws<FormatException>(() => ICalendarParser.Parse(Encoding.UTF8.GetBytes("BEGIN:VCALENDAR\nEND:VCALENDAR\n")));
        Assert.Throws<FormatException>(() => ICalendarParser.Parse(Encoding.UTF8.GetBytes("BEGIN:VCALENDAR\r\nX:" + new string('a', 80) + "\r\nEND:VCALENDAR\r\n")));
        // "é" cut between its two octets at a fold.
        var cut = Encoding.UTF8.GetBytes("BEGIN:VCALENDAR\r\nX:é\r\nEND:VCALENDAR\r\n").ToList();
        var at = cut.IndexOf(0xC3) + 1;
        cut.InsertRange(at, "\r\n "u8.ToArray());
        Assert.Throws<DecoderFallbackException>(() => ICalendarParser.Parse(cut.ToArray()));
        var line = ICalendarParser.ParseLine("DTSTART;TZID=\"Europe/Paris\";VALUE=DATE-TIME:20300101T100000");
        Assert.Equal("Europe/Paris", line.Parameters["TZID"]);
        Assert.Equal("DATE-TIME", line.Parameters["VALUE"]);
        Assert.Equal("20300101T100000", line.Value);
    }

    [Theory, Engines]
    public async Task The_personal_feed_lists_readable_spheres_only_tracks_changes_and_dies_when_revoked(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, org, sphere) = await SphereAsync(app);
        var other = await alice.CreateSphereAsync(org);
        var id = (await CreateAsync(alice, app, sphere, "Planning; Q3, draft")).Id();
        var hiddenId = (await CreateAsync(alice, app, other, "Not for Bob")).Id();
        Assert.False((await bob.GetOkAsync("/api/v1/calendar/feed"))["active"]!.GetValue<bool>());
        var url = (await bob.PostOkAsync("/api/v1/calendar/feed"))["url"]!.GetValue<string>();
        var path = new Uri(url).PathAndQuery;
        Assert.StartsWith("/api/v1/calendar/ecal_", path);
        Assert.True((await bob.GetOkAsync("/api/v1/calendar/feed"))["active"]!.GetValue<bool>());
        var anonymous = app.Anonymous();

        async Task<Component> FeedAsync()
        {
            using var response = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
            return ICalendarParser.Parse(await response.Content.ReadAsByteArrayAsync());
        }

        var first = await FeedAsync();
        var ev = Assert.Single(first.Events, e => e["UID"]!.Value == $"{id:D}@enclave");
        Assert.DoesNotContain(first.Events, e => e["UID"]!.Value.StartsWith(hiddenId.ToString("D"), StringComparison.Ordinal));
        Assert.Equal("Planning; Q3, draft", ev["SUMMARY"]!.Text);
        Assert.Equal("0", ev["SEQUENCE"]!.Value);

        await alice.PatchOkAsync($"/api/v1/events/{id}", new { title = "Planning Q3" });
        await alice.PostOkAsync($"/api/v1/events/{id}/cancel");
        var later = Assert.Single((await FeedAsync()).Events, e => e["UID"]!.Value == $"{id:D}@enclave");
        Assert.Equal("2", later["SEQUENCE"]!.Value);
        Assert.Equal("CANCELLED", later["STATUS"]!.Value);
        Assert.Equal("Planning Q3", later["SUMMARY"]!.Text);

        // Leaving the sphere empties the feed of its events at the next fetch.
        await bob.PostOkAsync($"/api/v1/spheres/{sphere}/leave");
        await alice.InviteAndAcceptAsync($"/api/v1/spheres/{other}", bob);
        var afterMove = await FeedAsync();
        Assert.DoesNotContain(afterMove.Events, e => e["UID"]!.Value == $"{id:D}@enclave");
        Assert.Contains(afterMove.Events, e => e["UID"]!.Value == $"{hiddenId:D}@enclave");

        var renewed = new Uri((await bob.PostOkAsync("/api/v1/calendar/feed"))["url"]!.GetValue<string>()).PathAndQuery;
        Assert.NotEqual(path, renewed);
        await Api.ProblemAsync(anonymous.GetAsync(path), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(renewed)).StatusCode);
        await bob.DeleteAsync("/api/v1/calendar/feed");
        await Api.ProblemAsync(anonymous.GetAsync(renewed), HttpStatusCode.NotFound);
        await Api.ProblemAsync(anonymous.GetAsync("/api/v1/calendar/ecal_not-a-token.ics"), HttpStatusCode.NotFound);
    }

    [Theory, Engines]
    public async Task A_single_event_downloads_through_the_gate(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, outsider, _, sphere) = await SphereAsync(app);
        var id = (await CreateAsync(alice, app, sphere, "Retro")).Id();
        using var response = await bob.GetAsync($"/api/v1/events/{id}/event.ics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        var calendar = ICalendarParser.Parse(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal($"{id:D}@enclave", Assert.Single(calendar.Events)["UID"]!.Value);
        await Api.ProblemAsync(outsider.GetAsync($"/api/v1/events/{id}/event.ics"), HttpStatusCode.NotFound);
        await Api.ProblemAsync(app.Anonymous().GetAsync($"/api/v1/events/{id}/event.ics"), HttpStatusCode.Unauthorized);
    }
}

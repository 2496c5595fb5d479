using System.Net;
using Enclave.Tests.Support;
using static Enclave.Tests.Tools.Events.EventTestWorld;

namespace Enclave.Tests.Tools.Events.Pages;

public sealed class EventPagesTests
{
    [Theory, Engines]
    public async Task Members_create_answer_and_see_events_in_the_pages_and_outsiders_get_not_found(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, outsider, _, sphere) = await SphereAsync(app);
        var alicePages = PageClient.For(app, alice);
        var calendar = await alicePages.GetAsync($"/s/{sphere}/events");
        Assert.Equal(HttpStatusCode.OK, calendar.Status);
        Assert.NotNull(calendar.Document.QuerySelector("table[data-calendar]"));
        Assert.Contains("New event", calendar.Text);
        var created = await alicePages.SubmitFilledAsync(calendar, "#new-event-form", new Dictionary<string, string>
        {
            ["Form.Title"] = "Atelier vélo", ["Form.Capacity"] = "1", ["Form.Place"] = "Garage",
        });
        var location = new Uri(new Uri("http://localhost"), created.Location!).AbsolutePath;
        Assert.StartsWith("/events/", location);
        var id = Guid.Parse(location["/events/".Length..]);
        created = await alicePages.GetAsync(location);
        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal("Atelier vélo", created.Document.QuerySelector("#event-title")!.TextContent);

        var bobPages = PageClient.For(app, bob);
        var answered = await bobPages.PostWithTokenAsync($"/events/{id}", $"/ui/events/{id}/rsvp",
            new Dictionary<string, string> { ["response"] = "yes", ["returnUrl"] = $"/events/{id}" });
        Assert.Equal(HttpStatusCode.SeeOther, answered.Status);
        answered = await bobPages.GetAsync(answered.Location!);
        Assert.Equal(HttpStatusCode.OK, answered.Status);
        Assert.Equal("yes", answered.Document.QuerySelector("[data-my-rsvp]")!.GetAttribute("data-my-rsvp"));
        Assert.NotNull(answered.Document.QuerySelector($"[data-attendee='{bob.UserId}']"));
        var list = await bobPages.GetAsync($"/s/{sphere}/events");
        Assert.NotNull(list.Document.QuerySelector($"#event-list [data-event-id='{id}']"));
        Assert.Equal(HttpStatusCode.OK, (await bobPages.GetAsync("/agenda")).Status);

        var invalid = await alicePages.SubmitFilledAsync(await alicePages.GetAsync($"/s/{sphere}/events"), "#new-event-form",
            new Dictionary<string, string> { ["Form.Title"] = "x", ["Form.OnlineUrl"] = "javascript:alert(1)" });
        Assert.NotNull(invalid.Document.QuerySelector("[data-field-error='onlineUrl']"));

        var outsiderPages = PageClient.For(app, outsider);
        Assert.Equal(HttpStatusCode.NotFound, (await outsiderPages.GetAsync($"/events/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await outsiderPages.GetAsync($"/s/{sphere}/events")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await new PageClient(app).GetAsync($"/events/{id}")).Status);
    }
}

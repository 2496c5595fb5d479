using System.Text.RegularExpressions;
using Enclave.E2E.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Enclave.E2E;

/// <summary>
/// Events end to end in the browser: Alice creates an event from the sphere's calendar, Bruno
/// answers on the event's page and Alice sees the count change live; the calendar moves with the
/// keyboard; someone outside the sphere gets not-found.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed partial class EventsTests(EnclaveServer server, Browser browser)
{
    [Fact]
    public async Task An_event_is_created_answered_by_a_colleague_seen_live_and_hidden_from_outsiders()
    {
        await using var alice = await browser.NewSessionAsync(server, "fr-FR", Screen.Desktop);
        await using var bruno = await browser.NewSessionAsync(server, "en-GB", Screen.Phone);
        await using var outsider = await browser.NewSessionAsync(server);
        await alice.SignUpAsync(Accounts.UniqueName("alice"), "Alice", "Martin", "fr");
        var b = await bruno.SignUpAsync(Accounts.UniqueName("bruno"), "Bruno", "Keller");
        await outsider.SignUpAsync(Accounts.UniqueName("olga"), "Olga", "Outside");
        var organization = (await alice.PostJsonAsync("/api/v1/organizations", new { name = "Harbour office" })).GetProperty("id").GetGuid();
        var sphere = (await alice.PostJsonAsync("/api/v1/spheres", new { organizationId = organization, name = "Dock planning" })).GetProperty("id").GetGuid();
        foreach (var target in new[] { $"/api/v1/organizations/{organization}", $"/api/v1/spheres/{sphere}" })
        {
            var invitation = await alice.PostJsonAsync($"{target}/invitations", new { userName = b.UserName });
            await bruno.PostJsonAsync("/api/v1/invitations/accept", new { token = invitation.GetProperty("token").GetString() });
        }

        // Alice creates the event from the calendar page (French).
        var page = await alice.NewPageAsync();
        await page.GotoAsync($"/s/{sphere}/events");
        await Expect(page.Locator("#upcoming-title")).ToHaveTextAsync("Événements à venir");
        await page.Locator("#new-event-heading").ClickAsync();
        await page.FillAsync("#new-event-title", "Crane safety briefing");
        await page.FillAsync("#new-event-place", "Quay 3");
        await page.FillAsync("#new-event-capacity", "5");
        await page.ClickAsync("#create-event");
        await page.WaitForURLAsync(EventUrl());
        var eventId = Guid.Parse(EventUrl().Match(page.Url).Groups[1].Value);
        await Expect(page.Locator("#event-title")).ToHaveTextAsync("Crane safety briefing");
        await Expect(page.Locator("[data-count-yes]")).ToHaveAttributeAsync("data-count-yes", "0");
        await page.Locator("html[data-events-live=ready]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 15_000 });
        await alice.AssertCleanAsync(page);

        // Bruno answers on his phone; Alice's open page follows.
        var his = await bruno.NewPageAsync();
        await his.GotoAsync($"/events/{eventId}");
        await his.ClickAsync("[data-rsvp=yes]");
        await Expect(his.Locator("[data-my-rsvp]")).ToHaveAttributeAsync("data-my-rsvp", "yes");
        await bruno.AssertCleanAsync(his);
        await Expect(page.Locator("[data-count-yes]")).ToHaveAttributeAsync("data-count-yes", "1", new() { Timeout = 15_000 });
        await Expect(page.Locator($"[data-attendee='{b.Id}']")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "event-page-live-answer");

        // The calendar lists it and moves with the arrow keys.
        await page.GotoAsync($"/s/{sphere}/events");
        await Expect(page.Locator($"#event-list [data-event-id='{eventId}']")).ToBeVisibleAsync();
        var today = page.Locator("[data-day][tabindex='0']");
        var start = await today.GetAttributeAsync("data-day");
        await today.FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        var moved = await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('data-day')");
        Assert.Equal(DateOnly.Parse(start!).AddDays(7), DateOnly.Parse(moved));
        await Browser.ScreenshotAsync(page, "sphere-calendar");

        // Olga is not in the sphere: the event does not exist for her.
        var hers = await outsider.NewPageAsync();
        var response = await hers.GotoAsync($"/events/{eventId}");
        Assert.Equal(404, response!.Status);
        Assert.Equal(404, (await hers.GotoAsync($"/s/{sphere}/events"))!.Status);
        await Expect(hers.Locator("#event-title")).ToHaveCountAsync(0);
    }

    [GeneratedRegex(@"/events/([0-9a-f-]{36})$")]
    private static partial Regex EventUrl();
}

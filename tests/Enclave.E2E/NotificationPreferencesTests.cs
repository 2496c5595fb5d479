using Enclave.E2E.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Enclave.E2E;

/// <summary>A person sets a delivery window and a weekly digest in the settings, and the API reflects them.</summary>
[Collection(E2ECollection.Name)]
public sealed class NotificationPreferencesTests(EnclaveServer server, Browser browser)
{
    [Fact]
    public async Task A_delivery_window_and_a_weekly_digest_are_saved()
    {
        await using var session = await browser.NewSessionAsync(server, "en-US", Screen.Phone);
        await session.SignUpAsync(Accounts.UniqueName("nora"), "Nora", "Quiet");
        var page = await session.NewPageAsync();
        await page.GotoAsync("/settings/notifications");
        await page.Locator("#delivery-zone").FillAsync("Europe/Paris");
        await page.Locator("#delivery-days input[name='Form.Saturday']").UncheckAsync();
        await page.Locator("#delivery-days input[name='Form.Sunday']").UncheckAsync();
        await page.Locator("#delivery-start").FillAsync("9");
        await page.Locator("#delivery-end").FillAsync("18");
        await page.Locator("#delivery-digest").SelectOptionAsync("weekly");
        await page.Locator("#delivery-max").SelectOptionAsync("2");
        await page.Locator("#delivery-save").ClickAsync();
        await Expect(page.Locator("#settings-saved")).ToBeVisibleAsync();
        await Expect(page.Locator("#delivery-digest")).ToHaveValueAsync("weekly");
        await Expect(page.Locator("#delivery-start")).ToHaveValueAsync("9");
        await Expect(page.Locator("#delivery-days input[name='Form.Sunday']")).Not.ToBeCheckedAsync();
        await session.AssertCleanAsync(page);

        var saved = await session.GetJsonAsync("/api/v1/me/notification-delivery");
        Assert.Equal("Europe/Paris", saved.GetProperty("timeZone").GetString());
        Assert.Equal("weekly", saved.GetProperty("digest").GetString());
        Assert.Equal(9, saved.GetProperty("startHour").GetInt32());
        Assert.Equal(18, saved.GetProperty("endHour").GetInt32());
        Assert.Equal(2, saved.GetProperty("dailyMax").GetInt32());
        Assert.Equal(["monday", "tuesday", "wednesday", "thursday", "friday"], saved.GetProperty("days").EnumerateArray().Select(d => d.GetString()));
    }

    [Fact]
    public async Task An_hour_out_of_range_is_shown_next_to_its_field()
    {
        await using var session = await browser.NewSessionAsync(server, "fr-FR");
        await session.SignUpAsync(Accounts.UniqueName("omar"), "Omar", "Late");
        var page = await session.NewPageAsync();
        await page.GotoAsync("/settings/notifications");
        // Past the browser's own check (a script could send anything): the server answers next to the field.
        await page.Locator("#delivery-end").EvaluateAsync("e => { e.removeAttribute('max'); e.value = '25'; }");
        await Expect(page.Locator("#delivery-end")).ToHaveValueAsync("25");
        await page.Locator("#delivery-save").ClickAsync();
        await Expect(page.Locator("[data-field-error='endHour']")).ToBeVisibleAsync();
    }
}

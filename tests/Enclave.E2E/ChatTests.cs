using Enclave.E2E.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Enclave.E2E;

/// <summary>
/// The chat journey: two colleagues of one sphere start a conversation through the pages, write
/// and see each other's messages, typing and reactions arrive live, talk in the sphere's channel,
/// and an outsider gets not-found for both.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class ChatTests(EnclaveServer server, Browser browser)
{
    static ChatTests() => SetDefaultExpectTimeout(15_000);

    [Fact]
    public async Task Two_colleagues_chat_live_and_an_outsider_sees_nothing()
    {
        await using var alice = await browser.NewSessionAsync(server);
        await using var bruno = await browser.NewSessionAsync(server, "fr-FR", Screen.Phone);
        await using var outsider = await browser.NewSessionAsync(server);
        var a = await alice.SignUpAsync(Accounts.UniqueName("alice"), "Alice", "Martin");
        var b = await bruno.SignUpAsync(Accounts.UniqueName("bruno"), "Bruno", "Keller", language: "fr");
        await outsider.SignUpAsync(Accounts.UniqueName("olga"), "Olga", "Stranger");
        var organization = (await alice.PostJsonAsync("/api/v1/organizations", new { name = "Harbour office" })).GetProperty("id").GetGuid();
        var sphere = (await alice.PostJsonAsync("/api/v1/spheres", new { organizationId = organization, name = "Dock planning" })).GetProperty("id").GetGuid();
        foreach (var target in new[] { $"/api/v1/organizations/{organization}", $"/api/v1/spheres/{sphere}" })
        {
            var invitation = await alice.PostJsonAsync($"{target}/invitations", new { userName = b.UserName });
            await bruno.PostJsonAsync("/api/v1/invitations/accept", new { token = invitation.GetProperty("token").GetString() });
        }

        // Alice starts a conversation with Bruno from /chat.
        var pa = await alice.NewPageAsync();
        await pa.GotoAsync("/chat");
        await Accessibility.AssertAccessibleAsync(pa);
        await pa.Locator("#chat-new-people").FillAsync("@" + b.UserName);
        await pa.Locator("#chat-new button[type=submit]").ClickAsync();
        await Expect(pa.Locator("#chat-title")).ToHaveTextAsync("Bruno Keller");
        var path = new Uri(pa.Url).AbsolutePath;
        await pa.Locator("[data-chat-live=ready]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        // Bruno (in French, on a phone) opens it; each sees the other's messages and typing live.
        var pb = await bruno.NewPageAsync();
        await pb.GotoAsync(path);
        await pb.Locator("[data-chat-live=ready]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await pa.Locator("#chat-body").FillAsync("Crane maintenance moved to **Thursday**.");
        await pa.Locator("#chat-body").PressAsync("Enter");
        await Expect(pb.Locator("#chat-messages strong", new() { HasText = "Thursday" })).ToBeVisibleAsync();
        await pb.Locator("#chat-body").PressSequentiallyAsync("D'accord");
        await Expect(pa.Locator("[data-chat-typing]")).ToBeVisibleAsync();
        await pb.Locator("#chat-send").ClickAsync();
        await Expect(pa.Locator("#chat-messages .chat-message", new() { HasText = "D'accord" })).ToBeVisibleAsync();

        // A reaction shows on the other side.
        var first = pb.Locator(".chat-message", new() { HasText = "Thursday" });
        await first.Locator("button[value=like]").ClickAsync();
        await Expect(pa.Locator(".chat-message", new() { HasText = "Thursday" }).Locator("button[value=like] .chat-reaction-count")).ToHaveTextAsync("1");
        await Accessibility.AssertAccessibleAsync(pb);
        await Browser.ScreenshotAsync(pb, "chat-conversation-phone");

        // The sphere's channel: Bruno writes, Alice sees it live.
        await pa.GotoAsync($"/s/{sphere}/chat");
        await pa.Locator("[data-chat-live=ready]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await pb.GotoAsync($"/s/{sphere}/chat");
        await pb.Locator("#chat-body").FillAsync("Salut l'équipe");
        await pb.Locator("#chat-send").ClickAsync();
        await Expect(pa.Locator("#chat-messages .chat-message", new() { HasText = "Salut l'équipe" })).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(pa, "chat-sphere-channel");
        await alice.AssertCleanAsync(pa);
        await bruno.AssertCleanAsync(pb);

        // The outsider finds neither.
        var po = await outsider.NewPageAsync();
        Assert.Equal(404, (await po.GotoAsync(path))!.Status);
        Assert.Equal(404, (await po.GotoAsync($"/s/{sphere}/chat"))!.Status);
    }
}

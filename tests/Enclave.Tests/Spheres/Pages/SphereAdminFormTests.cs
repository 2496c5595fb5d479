using System.Net;
using Enclave.Server.Spheres;
using Enclave.Tests.Support;
using static Enclave.Tests.Spheres.SphereTestWorld;
using static Enclave.Tests.Spheres.Pages.SphereAdminPages;

namespace Enclave.Tests.Spheres.Pages;

/// <summary>The sphere administration forms do what the API does, and bad input changes nothing.</summary>
public sealed class SphereAdminFormTests
{
    [Fact]
    public async Task Creating_a_sphere_through_the_form_makes_a_classic_sphere_by_default()
    {
        var (admin, org, _, _) = await WorldAsync();
        var browser = PageClient.For(App, admin);
        var form = await browser.GetAsync($"/spheres/new?organizationId={org}");
        Assert.Equal("classic", form.Document.QuerySelector("input[name='Form.Type'][checked]")!.GetAttribute("value"));
        var name = World.UniqueName("Made by form ");
        var done = await browser.OpenAndSubmitAsync($"/spheres/new?organizationId={org}", "#new-sphere-form",
            new Dictionary<string, string> { ["Form.Name"] = name, ["Form.Description"] = "From the page", ["Form.Type"] = "classic" });
        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        var id = Guid.Parse(done.Location!.Split('/').Last());
        var created = await admin.GetOkAsync(S(id));
        Assert.Equal(name, Str(created, "name"));
        Assert.Equal("classic", Str(created, "type"));
        Assert.False(created["listedInPortal"]!.GetValue<bool>());
        Assert.Equal(org, created["organizationId"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task A_bad_name_re_renders_the_form_with_the_error_and_creates_nothing()
    {
        var (admin, org, _, _) = await WorldAsync();
        var before = await App.CountAsync<Sphere>(s => s.OrganizationId == org);
        var page = await PageClient.For(App, admin).OpenAndSubmitAsync($"/spheres/new?organizationId={org}", "#new-sphere-form",
            new Dictionary<string, string> { ["Form.Name"] = "x", ["Form.Description"] = "kept text" });
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.NotNull(page.Document.QuerySelector("[data-field-error='name']"));
        Assert.Equal("kept text", page.Document.QuerySelector("#sphere-description")!.TextContent);
        Assert.Equal(before, await App.CountAsync<Sphere>(s => s.OrganizationId == org));
    }

    [Fact]
    public async Task Inviting_by_user_name_creates_the_invitation_and_shows_its_link_once()
    {
        var (admin, org, _, sphere) = await WorldAsync();
        var invitee = await App.SignUpAsync();
        await admin.InviteAndAcceptAsync(O(org), invitee);
        var browser = PageClient.For(App, admin);
        var page = await browser.OpenAndSubmitAsync($"/s/{sphere}/invitations", "#invite-form",
            new Dictionary<string, string> { ["Form.UserName"] = invitee.User!.UserName, ["Form.Role"] = "member", ["Form.Message"] = "Welcome" });
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var link = page.Document.QuerySelector("#invitation-link")!.GetAttribute("value")!;
        Assert.Contains("inv_", link);
        Assert.NotNull(page.Document.QuerySelector("button[data-copy='#invitation-link']"));
        Assert.Single(page.Document.QuerySelectorAll("#pending-invitations [data-invitation]"));
        var pending = await admin.GetOkAsync(S(sphere, "/invitations?status=pending"));
        Assert.Equal(invitee.UserId, pending["items"]!.AsArray().Single()!["inviteeUserId"]!.GetValue<Guid>());
        // The link is the invitation: its holder accepts it and is in.
        var token = link[(link.IndexOf("inv_", StringComparison.Ordinal))..].Split('&', '#')[0];
        await invitee.PostOkAsync("/api/v1/invitations/accept", new { token = Uri.UnescapeDataString(token) });
        Assert.Equal("member", Str(await invitee.GetOkAsync(S(sphere)), "myRole"));
        // Shown once: the page, loaded again, has no link.
        Assert.Null((await browser.GetAsync($"/s/{sphere}/invitations")).Document.QuerySelector("#invitation-link"));
    }

    [Fact]
    public async Task An_administrator_changes_a_role_from_the_directory()
    {
        var (admin, org, member, sphere) = await WorldAsync();
        var done = await PageClient.For(App, admin).OpenAndSubmitAsync($"/s/{sphere}/members", $"[data-member='{member.UserId}'] form[data-role-form]",
            new Dictionary<string, string> { ["role"] = "publisher" });
        Assert.Equal(HttpStatusCode.SeeOther, done.Status);
        Assert.Equal($"/s/{sphere}/members", done.Location);
        Assert.Equal("publisher", Str(await admin.GetOkAsync(S(sphere, $"/members/{member.UserId}")), "role"));
        // A plain member cannot: the action refuses as the API does (back to the page) and nothing changes.
        var other = await App.SignUpAsync();
        await admin.InviteAndAcceptAsync(O(org), other);
        await admin.InviteAndAcceptAsync(S(sphere), other);
        var refused = await PageClient.For(App, other).PostWithTokenAsync($"/s/{sphere}/members", $"/ui/spheres/{sphere}/members/{admin.UserId}/role",
            new Dictionary<string, string> { ["role"] = "member", ["returnUrl"] = $"/s/{sphere}/members" });
        Assert.Equal(HttpStatusCode.SeeOther, refused.Status);
        Assert.Equal("administrator", Str(await admin.GetOkAsync(S(sphere, $"/members/{admin.UserId}")), "role"));
    }

    [Fact]
    public async Task A_member_sets_a_bio_for_one_sphere()
    {
        var (_, _, member, sphere) = await WorldAsync();
        var browser = PageClient.For(App, member);
        var done = await browser.OpenAndSubmitAsync($"/s/{sphere}/profile", "#profile-form", new Dictionary<string, string> { ["Form.Bio"] = "Night owl here" });
        Assert.True(done.Status == HttpStatusCode.Redirect, $"{done.Status} {done.Document.QuerySelector("main")?.InnerHtml}");
        Assert.Equal("Night owl here", Str(await member.GetOkAsync(S(sphere, "/profile")), "bio"));
        var page = await browser.GetAsync($"/s/{sphere}/profile");
        Assert.Equal("Night owl here", page.Document.QuerySelector("#profile-bio")!.TextContent);
        var tooLong = await browser.OpenAndSubmitAsync($"/s/{sphere}/profile", "#profile-form", new Dictionary<string, string> { ["Form.Bio"] = new string('b', 2001) });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.Status);
        Assert.NotNull(tooLong.Document.QuerySelector("[data-field-error='bio']"));
        Assert.Equal("Night owl here", Str(await member.GetOkAsync(S(sphere, "/profile")), "bio"));
    }

    [Fact]
    public async Task A_member_uploads_an_avatar_for_one_sphere()
    {
        var (_, _, member, sphere) = await WorldAsync();
        // The smallest valid PNG (1×1).
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
        var browser = PageClient.For(App, member);
        var done = await browser.UploadAsync($"/s/{sphere}/profile", $"/ui/spheres/{sphere}/profile/avatar", "avatar", png, "image/png");
        Assert.Equal(HttpStatusCode.SeeOther, done.Status);
        Assert.True((await member.GetOkAsync(S(sphere, "/profile")))["hasAvatar"]!.GetValue<bool>());
        Assert.NotNull((await browser.GetAsync($"/s/{sphere}/profile")).Document.QuerySelector("#reset-profile"));
        // Not an image: refused, nothing changes (the avatar stays).
        var refused = await browser.UploadAsync($"/s/{sphere}/profile", $"/ui/spheres/{sphere}/profile/avatar", "avatar", "hello"u8.ToArray(), "image/png");
        Assert.Equal(HttpStatusCode.SeeOther, refused.Status);
        Assert.True((await member.GetOkAsync(S(sphere, "/profile")))["hasAvatar"]!.GetValue<bool>());
    }

    [Fact]
    public async Task An_administrator_creates_a_group_and_adds_a_member()
    {
        var (admin, _, member, sphere) = await WorldAsync();
        var browser = PageClient.For(App, admin);
        var done = await browser.OpenAndSubmitAsync($"/s/{sphere}/groups", "#new-group-form",
            new Dictionary<string, string> { ["Form.Name"] = "Night Shift", ["Form.Handle"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        var group = (await admin.GetOkAsync(S(sphere, "/groups")))["items"]!.AsArray().Single()!;
        Assert.Equal("night-shift", Str(group, "handle"));
        var page = await browser.GetAsync($"/s/{sphere}/groups");
        Assert.Contains("@@night-shift", page.Document.QuerySelector("[data-group='night-shift'] h3")!.TextContent);
        var added = await browser.OpenAndSubmitAsync($"/s/{sphere}/groups", "[data-group='night-shift'] form[data-add-member]",
            new Dictionary<string, string> { ["userId"] = member.UserId.ToString() });
        Assert.Equal(HttpStatusCode.SeeOther, added.Status);
        Assert.Single((await admin.GetOkAsync(S(sphere, $"/groups/{group["id"]}/members")))["items"]!.AsArray());

        var bad = await browser.OpenAndSubmitAsync($"/s/{sphere}/groups", "#new-group-form", new Dictionary<string, string> { ["Form.Name"] = "Night Shift" });
        Assert.Equal(HttpStatusCode.Conflict, bad.Status);
        Assert.NotNull(bad.Document.QuerySelector("[data-field-error='handle']"));
        Assert.Single((await admin.GetOkAsync(S(sphere, "/groups")))["items"]!.AsArray());
    }

    [Fact]
    public async Task Opening_a_closed_sphere_asks_for_confirmation_first()
    {
        var (admin, _, _, sphere) = await WorldAsync();
        var browser = PageClient.For(App, admin);
        var fields = new Dictionary<string, string> { ["Form.Name"] = "Now open", ["Form.Description"] = "", ["Form.Type"] = "open" };
        var asked = await browser.OpenAndSubmitAsync($"/s/{sphere}/settings", "#settings-form", fields);
        Assert.Equal(HttpStatusCode.BadRequest, asked.Status);
        Assert.NotNull(asked.Document.QuerySelector("#confirm-open"));
        Assert.Equal("classic", Str(await admin.GetOkAsync(S(sphere)), "type"));
        fields["Form.ConfirmOpen"] = "true";
        var done = await browser.OpenAndSubmitAsync($"/s/{sphere}/settings", "#settings-form", fields);
        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        var updated = await admin.GetOkAsync(S(sphere));
        Assert.Equal("open", Str(updated, "type"));
        Assert.Equal("Now open", Str(updated, "name"));
    }

    [Fact]
    public async Task Deleting_a_sphere_needs_its_name_typed()
    {
        var (admin, _, _, sphere) = await WorldAsync();
        var browser = PageClient.For(App, admin);
        var wrong = await browser.OpenAndSubmitAsync($"/s/{sphere}/settings", "#delete-sphere-form", new Dictionary<string, string> { ["Delete.Confirm"] = "nope" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.NotNull(wrong.Document.QuerySelector("[data-field-error='confirm']"));
        await admin.GetOkAsync(S(sphere));
        var name = Str(await admin.GetOkAsync(S(sphere)), "name");
        var done = await browser.OpenAndSubmitAsync($"/s/{sphere}/settings", "#delete-sphere-form", new Dictionary<string, string> { ["Delete.Confirm"] = name });
        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        await Api.ProblemAsync(admin.GetAsync(S(sphere)), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_member_sets_their_notification_level_and_accepts_the_charter()
    {
        var (admin, _, member, sphere) = await WorldAsync();
        var browser = PageClient.For(App, member);
        var done = await browser.OpenAndSubmitAsync($"/s/{sphere}/notifications", "#level-form", new Dictionary<string, string> { ["Form.Level"] = "all" });
        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        Assert.Equal("all", Str(await member.GetOkAsync(S(sphere, "/notification-level")), "level"));

        await admin.PutOkAsync(S(sphere, "/charter"), new { text = "Be kind." });
        var blocked = await browser.GetAsync($"/s/{sphere}/members");
        Assert.NotNull(blocked.Document.QuerySelector("[data-refusal='charter_pending']"));
        var accepted = await browser.OpenAndSubmitAsync($"/s/{sphere}/charter", "#accept-charter-form", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.SeeOther, accepted.Status);
        Assert.Equal($"/s/{sphere}", accepted.Location);
        Assert.False((await member.GetOkAsync(S(sphere)))["charterPending"]!.GetValue<bool>());
    }
}

using System.Net;
using Enclave.Tests.Support;

namespace Enclave.Tests.Audit.Pages;

public sealed class AuditPagesTests
{
    [Theory, Engines]
    public async Task My_activity_page_lists_my_sign_ins_in_my_language(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        await app.SignInAsync(alice.User!);
        await Api.ProblemAsync(app.Anonymous().PostAsync("/api/v1/auth/login", new { login = alice.User!.UserName, password = "not the password" }), HttpStatusCode.Unauthorized);

        await alice.PatchOkAsync("/api/v1/me", new { language = "fr" });
        var page = await PageClient.For(app, alice, "fr").GetAsync("/settings/activity");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var rows = page.Document.QuerySelectorAll("[data-audit-entry]");
        Assert.Equal(2, rows.Length);
        Assert.Contains(rows, r => r.TextContent.Contains("Connexion") && r.GetAttribute("data-action") == "auth.sign_in");
        Assert.Contains(rows, r => r.TextContent.Contains("Échec de connexion"));
        Assert.Equal("/api/v1/me/audit.csv", page.Document.QuerySelector("#audit-csv")!.GetAttribute("href"));
        Assert.NotNull(page.Document.QuerySelector("a[href='/settings/activity'][aria-current='page']"));

        var filtered = await PageClient.For(app, alice).GetAsync("/settings/activity?action=token.");
        Assert.NotNull(filtered.Document.QuerySelector("#audit-empty"));
        var invalid = await PageClient.For(app, alice).GetAsync("/settings/activity?fromDay=soon");
        Assert.NotNull(invalid.Document.QuerySelector("#audit-invalid"));
        var anonymous = await PageClient.For(app, null).GetAsync("/settings/activity");
        Assert.Contains("/signin?returnUrl=%2Fsettings%2Factivity", anonymous.Location);
    }

    [Theory, Engines]
    public async Task The_organization_trail_page_is_for_its_managers_only(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var manager = await app.SignUpAsync();
        var member = await app.SignUpAsync();
        var org = await manager.CreateOrganizationAsync();
        await manager.InviteAndAcceptAsync($"/api/v1/organizations/{org}", member);

        var page = await PageClient.For(app, manager).GetAsync($"/o/{org}/audit");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(page.Document.QuerySelectorAll("[data-audit-entry]"), r => r.GetAttribute("data-action") == "invitation.accepted");
        Assert.NotNull(page.Document.QuerySelector($"a[href='/o/{org}/audit'][aria-current]"));
        Assert.Equal(HttpStatusCode.OK, (await PageClient.For(app, manager).GetAsync($"/organizations/{org}/audit")).Status);

        Assert.Equal(HttpStatusCode.NotFound, (await PageClient.For(app, member).GetAsync($"/o/{org}/audit")).Status);
        Assert.Null((await PageClient.For(app, member).GetAsync($"/o/{org}")).Document.QuerySelector($"a[href='/o/{org}/audit']"));
    }

    [Theory, Engines]
    public async Task The_platform_trail_page_is_for_platform_administrators_only(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var admin = await app.PlatformAdminAsync();
        var someone = await app.SignUpAsync();
        var page = await PageClient.For(app, admin).GetAsync("/admin/audit?action=auth.");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.NotNull(page.Document.QuerySelector("#platform-audit-link"));
        Assert.All(page.Document.QuerySelectorAll("[data-audit-entry]"), r => Assert.StartsWith("auth.", r.GetAttribute("data-action")));

        var refused = await PageClient.For(app, someone).GetAsync("/admin/audit");
        Assert.Equal(HttpStatusCode.NotFound, refused.Status);
        Assert.Null((await PageClient.For(app, someone).GetAsync("/settings")).Document.QuerySelector("#platform-audit-link"));
    }
}

using System.Net;
using Enclave.Server.Data;
using Enclave.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.Tests.Privacy.Export.Pages;

public sealed class ExportPagesTests
{
    private static EnclaveApp App => EnclaveApp.Shared(Engine.Sqlite);

    [Fact]
    public async Task A_person_asks_for_an_export_and_finds_the_download_link()
    {
        var alice = await App.SignUpAsync();
        await alice.PatchOkAsync("/api/v1/me", new { language = "fr" });
        var browser = PageClient.For(App, alice, "fr");
        var page = await browser.GetAsync("/settings/export");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("page", page.Document.QuerySelector(".settings-nav a[href='/settings/export']")!.GetAttribute("aria-current"));
        Assert.Contains("Exporter mes données", page.Text);
        Assert.Null(page.Document.QuerySelector("#export-list"));

        var asked = await browser.SubmitAsync(page, "#request-export");
        Assert.Equal(HttpStatusCode.SeeOther, asked.Status);
        Assert.Equal("/settings/export?requested=true", asked.Location);
        var pending = await browser.GetAsync("/settings/export?requested=true");
        Assert.NotNull(pending.Document.QuerySelector("[data-export-pending] progress"));
        Assert.NotNull(pending.Document.QuerySelector("script[src='/js/export-progress.js']"));

        var ready = await Exports.WaitReadyAsync(App, alice, "/api/v1/me/exports");
        var done = await browser.GetAsync("/settings/export");
        var link = done.Document.QuerySelector("a[data-export-download]")!;
        Assert.Equal(ready["downloadUrl"]!.GetValue<string>(), link.GetAttribute("href"));
        Assert.Null(done.Document.QuerySelector("[data-export-pending]"));
        Assert.Contains("disponible jusqu'au", done.Text);
    }

    [Fact]
    public async Task The_organization_export_page_is_for_managers_only()
    {
        var alice = await App.SignUpAsync();
        var bob = await App.SignUpAsync();
        var org = await alice.CreateOrganizationAsync();
        await alice.InviteAndAcceptAsync($"/api/v1/organizations/{org}", bob);
        Assert.Equal(HttpStatusCode.NotFound, (await PageClient.For(App, bob).GetAsync($"/o/{org}/export")).Status);
        var browser = PageClient.For(App, alice);
        var settings = await browser.GetAsync($"/o/{org}/settings");
        Assert.NotNull(settings.Document.QuerySelector($"a#org-export-link[href='/o/{org}/export']"));
        var page = await browser.GetAsync($"/o/{org}/export");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var asked = await browser.SubmitAsync(page, "#request-org-export");
        Assert.Equal($"/o/{org}/export?requested=true", asked.Location);
        Assert.Single((await alice.GetOkAsync($"/api/v1/organizations/{org}/exports")).AsArray());
    }

    [Fact]
    public async Task A_platform_administrator_imports_an_archive_from_the_page()
    {
        var s = await Exports.SceneAsync(App);
        await s.Alice.PostOkAsync($"/api/v1/organizations/{s.Org}/exports");
        var ready = await Exports.WaitReadyAsync(App, s.Alice, $"/api/v1/organizations/{s.Org}/exports");
        var archive = await Exports.DownloadAsync(s.Alice, ready["downloadUrl"]!.GetValue<string>());

        using var target = new EnclaveApp(Engine.Sqlite);
        var someone = await target.SignUpAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await PageClient.For(target, someone).GetAsync("/admin/import")).Status);
        var admin = await target.SignUpAsync();
        using (var scope = target.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<EnclaveDb>().Users.Where(u => u.Id == admin.UserId).ExecuteUpdateAsync(x => x.SetProperty(u => u.IsPlatformAdmin, true));
        var browser = PageClient.For(target, admin);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin/import")).Status);
        var imported = await browser.UploadAsync("/admin/import", "/ui/admin/imports", "file", archive, "application/zip", "org.zip");
        Assert.Equal(HttpStatusCode.SeeOther, imported.Status);
        Assert.Equal($"/admin/import?imported={s.Org}", imported.Location);
        var done = await browser.GetAsync(imported.Location!);
        Assert.NotNull(done.Document.QuerySelector("#import-done"));
    }
}

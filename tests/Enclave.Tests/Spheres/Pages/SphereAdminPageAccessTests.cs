using System.Net;
using Enclave.Tests.Support;
using static Enclave.Tests.Spheres.SphereTestWorld;
using static Enclave.Tests.Spheres.Pages.SphereAdminPages;

namespace Enclave.Tests.Spheres.Pages;

/// <summary>Who sees the sphere administration pages: administrators all, members some, outsiders none (404).</summary>
public sealed class SphereAdminPageAccessTests
{
    [Fact]
    public async Task Every_page_renders_for_an_administrator()
    {
        var (admin, org, _, sphere) = await WorldAsync();
        var browser = PageClient.For(App, admin);
        foreach (var section in Sections)
        {
            var page = await browser.GetAsync($"/s/{sphere}/{section}");
            Assert.True(page.Status == HttpStatusCode.OK, $"{section}: {page.Status}");
            Assert.NotNull(page.Document.QuerySelector("h1"));
            Assert.Null(page.Document.QuerySelector(".not-found"));
        }
        var create = await browser.GetAsync($"/spheres/new?organizationId={org}");
        Assert.Equal(HttpStatusCode.OK, create.Status);
        Assert.NotNull(create.Document.QuerySelector("#new-sphere-form"));
        var members = await browser.GetAsync($"/s/{sphere}/members");
        Assert.Equal(2, members.Document.QuerySelectorAll("#member-list [data-member]").Length);
        Assert.NotNull(members.Document.QuerySelector("[data-role-form]"));
        Assert.Equal("page", members.Document.QuerySelector($"a[href='/s/{sphere}/members']")!.GetAttribute("aria-current"));
    }

    [Fact]
    public async Task An_outsider_gets_not_found_on_every_page()
    {
        var (_, org, _, sphere) = await WorldAsync();
        var outsider = PageClient.For(App, await App.SignUpAsync());
        foreach (var path in Sections.Select(s => $"/s/{sphere}/{s}").Append($"/spheres/new?organizationId={org}")
            .Append($"/s/{Guid.NewGuid()}/members"))
        {
            var page = await outsider.GetAsync(path);
            Assert.True(page.Status == HttpStatusCode.NotFound, $"{path}: {page.Status}");
            Assert.True(page.Document.QuerySelector(".not-found") is not null, $"{path}: {page.Document.Body?.InnerHtml}");
            Assert.DoesNotContain("Sphere ", page.Document.Title ?? "");
        }
        var anonymous = await PageClient.For(App, null).GetAsync($"/s/{sphere}/members");
        Assert.Contains("/signin?returnUrl=%2Fs%2F", anonymous.Location ?? "");
    }

    [Fact]
    public async Task A_plain_member_gets_not_found_on_the_administrators_pages()
    {
        var (_, _, member, sphere) = await WorldAsync();
        var browser = PageClient.For(App, member);
        foreach (var section in Sections)
        {
            var page = await browser.GetAsync($"/s/{sphere}/{section}");
            var expected = AdminOnly.Contains(section) ? HttpStatusCode.NotFound : HttpStatusCode.OK;
            Assert.True(page.Status == expected, $"{section}: {page.Status}");
        }
        var members = await browser.GetAsync($"/s/{sphere}/members");
        Assert.Null(members.Document.QuerySelector("[data-role-form]"));
        Assert.NotNull(members.Document.QuerySelector("#leave-sphere"));
        Assert.Null((await browser.GetAsync($"/s/{sphere}/groups")).Document.QuerySelector("#new-group-form"));
    }

    [Fact]
    public async Task The_directory_of_a_restricted_sphere_answers_as_the_api_does()
    {
        var (_, _, member, sphere) = await WorldAsync("restricted");
        var page = await PageClient.For(App, member).GetAsync($"/s/{sphere}/members");
        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.NotNull(page.Document.QuerySelector("[data-refusal='directory_hidden']"));
        Assert.Empty(page.Document.QuerySelectorAll("[data-member]"));
    }
}

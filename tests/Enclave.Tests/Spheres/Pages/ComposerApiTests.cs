using System.Net;
using Enclave.Tests.Posts;
using Enclave.Tests.Support;

namespace Enclave.Tests.Spheres.Pages;

/// <summary>The API calls the composer makes: preview, member autocomplete, the staff a restricted sphere's members write to.</summary>
public sealed class ComposerApiTests
{
    private static EnclaveApp App => EnclaveApp.Shared(Engine.Sqlite);

    [Fact]
    public async Task The_preview_renders_like_a_post_drops_scripts_and_is_404_for_outsiders()
    {
        var (alice, bob, outsider, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(App);
        var preview = await alice.PostOkAsync($"/api/v1/spheres/{sphere}/preview",
            new { body = $"Hi **there** @{bob.User!.UserName} @{outsider.User!.UserName} <script>alert(1)</script>" });
        var html = preview["html"]!.GetValue<string>();
        Assert.Contains("<strong>there</strong>", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"data-user-id=\"{bob.UserId}\"", html);
        Assert.DoesNotContain(outsider.UserId.ToString(), html);
        // Nothing was written.
        Assert.Empty((await alice.GetOkAsync($"/api/v1/spheres/{sphere}/posts"))["items"]!.AsArray());

        await Api.ProblemAsync(outsider.PostAsync($"/api/v1/spheres/{sphere}/preview", new { body = "x" }), HttpStatusCode.NotFound);
        await Api.ProblemAsync(App.Anonymous().PostAsync($"/api/v1/spheres/{sphere}/preview", new { body = "x" }), HttpStatusCode.Unauthorized);
        await Api.ProblemAsync(alice.PostAsync($"/api/v1/spheres/{sphere}/preview", new { body = " " }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_member_list_filters_by_a_prefix_of_user_name_or_name()
    {
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(App);
        var prefix = bob.User!.UserName[..5];
        var found = (await alice.GetOkAsync($"/api/v1/spheres/{sphere}/members?q={prefix.ToUpperInvariant()}"))["items"]!.AsArray();
        Assert.Contains(found, m => m!["user"]!["id"]!.GetValue<Guid>() == bob.UserId);
        Assert.DoesNotContain(found, m => m!["user"]!["id"]!.GetValue<Guid>() == alice.UserId && !alice.User!.UserName.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
        Assert.Empty((await alice.GetOkAsync($"/api/v1/spheres/{sphere}/members?q=zzzznobody"))["items"]!.AsArray());
        Assert.NotEmpty((await alice.GetOkAsync($"/api/v1/spheres/{sphere}/members?q=tes"))["items"]!.AsArray()); // first name "Test"
        await Api.ProblemAsync(alice.GetAsync($"/api/v1/spheres/{sphere}/members?q={new string('a', 101)}"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Members_of_a_restricted_sphere_list_its_staff_but_not_its_directory()
    {
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(App, "restricted");
        var staff = (await bob.GetOkAsync($"/api/v1/spheres/{sphere}/members?role=administrator"))["items"]!.AsArray();
        Assert.Equal([alice.UserId], staff.Select(m => m!["user"]!["id"]!.GetValue<Guid>()));
        await Api.ProblemAsync(bob.GetAsync($"/api/v1/spheres/{sphere}/members"), HttpStatusCode.Forbidden, "directory_hidden");
        await Api.ProblemAsync(bob.GetAsync($"/api/v1/spheres/{sphere}/members?role=member"), HttpStatusCode.Forbidden, "directory_hidden");

        var page = await PageClient.For(App, bob).GetAsync($"/s/{sphere}");
        Assert.NotNull(page.Document.QuerySelector($"#composer-recipients option[value='{alice.UserId}']"));
    }
}

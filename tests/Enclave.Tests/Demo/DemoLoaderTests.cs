using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Enclave.Server.Data;
using Enclave.Server.Demo;
using Enclave.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.Tests.Demo;

/// <summary>One demo world per engine, loaded at start-up by <c>Demo:Load=true</c>, shared by the read-only tests of this class.</summary>
public sealed class DemoWorldFixture : IDisposable
{
    private readonly Dictionary<Engine, Lazy<EnclaveApp>> _apps = Enum.GetValues<Engine>()
        .ToDictionary(e => e, e => new Lazy<EnclaveApp>(() => Start(e)));

    public EnclaveApp App(Engine engine) => _apps[engine].Value;

    private static EnclaveApp Start(Engine engine)
    {
        var app = new EnclaveApp(engine, new Dictionary<string, string?> { ["Demo:Load"] = "true" });
        _ = app.Services; // starts the host, and with it the start-up steps
        return app;
    }

    public void Dispose()
    {
        foreach (var app in _apps.Values.Where(a => a.IsValueCreated)) app.Value.Dispose();
    }
}

public sealed class DemoLoaderTests(DemoWorldFixture world) : IClassFixture<DemoWorldFixture>
{
    private static async Task<Api> SignInAsync(EnclaveApp app, string userName)
    {
        var anonymous = app.Anonymous();
        var session = await anonymous.PostOkAsync("/api/v1/auth/login", new { login = userName, password = DemoWorld.Password, mode = "token" });
        var http = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session["token"]!.GetValue<string>());
        return new Api(http, new TestUser(session["user"]!["id"]!.GetValue<Guid>(), userName, "", DemoWorld.Password, session["token"]!.GetValue<string>()));
    }

    private static async Task<List<JsonNode>> SpheresAsync(Api api)
    {
        var organizations = (await api.GetOkAsync("/api/v1/organizations"))["items"]!.AsArray();
        var spheres = new List<JsonNode>();
        foreach (var organization in organizations)
            spheres.AddRange((await api.GetOkAsync($"/api/v1/organizations/{organization!["id"]}/spheres?limit=100"))["items"]!.AsArray().Select(s => s!));
        return spheres;
    }

    private static string IdOf(List<JsonNode> spheres, string type) =>
        spheres.First(s => s["type"]!.GetValue<string>() == type)["id"]!.GetValue<string>();

    [Theory, Engines]
    public async Task The_first_user_signs_in_with_the_documented_password_and_reads_a_home_feed_from_several_spheres(Engine engine)
    {
        var app = world.App(engine);
        var camille = await SignInAsync(app, DemoWorld.FirstUser);

        var feed = (await camille.GetOkAsync("/api/v1/feed?limit=100"))["items"]!.AsArray().Select(p => p!).ToList();
        Assert.Equal(DemoPosts.All.Length, feed.Count); // she is in every sphere, and the one private post is addressed to her
        Assert.True(feed.Select(p => p["sphereId"]!.GetValue<Guid>()).Distinct().Count() >= 6);
        Assert.Equal(2, feed.Select(p => p["organizationId"]!.GetValue<Guid>()).Distinct().Count());
        Assert.Single(feed, p => p["isPrivate"]!.GetValue<bool>());
        Assert.Single(feed, p => p["pinnedAt"] is not null);
        // Rendered through the application: Markdown, resolved mentions, tags, and a history over the last few days.
        Assert.Contains(feed, p => p["bodyHtml"]!.GetValue<string>().Contains("<table>", StringComparison.Ordinal));
        Assert.Contains(feed, p => p["bodyHtml"]!.GetValue<string>().Contains("data-user-id=", StringComparison.Ordinal));
        Assert.Contains(feed, p => p["bodyHtml"]!.GetValue<string>().Contains("data-group-id=", StringComparison.Ordinal));
        Assert.Contains(feed, p => p["tags"]!.AsArray().Count > 0);
        Assert.Contains(feed, p => p["reactions"]!.AsArray().Count > 0 && p["commentCount"]!.GetValue<int>() > 0);
        var published = feed.Select(p => p["publishedAt"]!.GetValue<DateTime>()).ToList();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        Assert.All(published, t => Assert.True(t <= now));
        Assert.True(published.Min() < now.AddDays(-4));
        Assert.Equal(published.OrderByDescending(t => t), published); // newest first, as written
    }

    [Theory, Engines]
    public async Task Every_sphere_type_exists_in_the_two_organizations(Engine engine)
    {
        var camille = await SignInAsync(world.App(engine), DemoWorld.FirstUser);
        var organizations = (await camille.GetOkAsync("/api/v1/organizations"))["items"]!.AsArray();
        Assert.Equal(2, organizations.Count);
        var types = (await SpheresAsync(camille)).Select(s => s["type"]!.GetValue<string>()).ToHashSet();
        Assert.Equal(new[] { "classic", "forum", "global", "open", "public", "restricted", "visitor" }, types.Order());
    }

    [Theory, Engines]
    public async Task An_outsider_sees_none_of_the_classic_spheres_posts(Engine engine)
    {
        var app = world.App(engine);
        var camille = await SignInAsync(app, DemoWorld.FirstUser);
        var spheres = await SpheresAsync(camille);
        var board = spheres.First(s => s["name"]!.GetValue<string>() == "Bureau du club")["id"]!.GetValue<string>();
        var boardPost = (await camille.GetOkAsync($"/api/v1/spheres/{board}/posts"))["items"]!.AsArray()[0]!["id"]!.GetValue<string>();

        var outsider = await app.SignUpAsync();
        await Api.ProblemAsync(outsider.GetAsync($"/api/v1/spheres/{board}/posts"), HttpStatusCode.NotFound);
        await Api.ProblemAsync(outsider.GetAsync($"/api/v1/posts/{boardPost}"), HttpStatusCode.NotFound);
        Assert.Empty((await outsider.GetOkAsync("/api/v1/feed"))["items"]!.AsArray());
        // The public sphere is the one thing meant for everyone.
        var calendar = await outsider.GetOkAsync($"/api/v1/spheres/{IdOf(spheres, "public")}/posts");
        Assert.NotEmpty(calendar["items"]!.AsArray());
    }

    [Theory, Engines]
    public async Task The_forum_has_a_comment_awaiting_approval_and_the_club_a_pending_invitation_and_join_request(Engine engine)
    {
        var app = world.App(engine);
        var camille = await SignInAsync(app, DemoWorld.FirstUser);
        var spheres = await SpheresAsync(camille);
        var queue = (await camille.GetOkAsync($"/api/v1/spheres/{IdOf(spheres, "forum")}/comments/awaiting-approval"))["items"]!.AsArray();
        var waiting = Assert.Single(queue);
        Assert.Equal("awaiting_approval", waiting!["status"]!.GetValue<string>());

        var club = (await camille.GetOkAsync("/api/v1/organizations"))["items"]!.AsArray()
            .First(o => o!["name"]!.GetValue<string>() == "Cercle Nautique de La Rochelle")!["id"]!.GetValue<string>();
        var requests = (await camille.GetOkAsync($"/api/v1/organizations/{club}/join-requests"))["items"]!.AsArray();
        Assert.Equal("ines.moreau", Assert.Single(requests)!["user"]!["userName"]!.GetValue<string>());
        var emma = await SignInAsync(app, "emma.clarke");
        var invitations = (await emma.GetOkAsync("/api/v1/me/invitations"))["items"]!.AsArray();
        Assert.Equal(club, Assert.Single(invitations)!["organizationId"]!.GetValue<string>());
    }

    [Theory, Engines]
    public void Every_sphere_scoped_row_carries_its_spheres_organization(Engine engine)
    {
        using var scope = world.App(engine).Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EnclaveDb>();
        var organizationOf = db.Spheres.AsNoTracking().ToDictionary(s => s.Id, s => s.OrganizationId);
        void Check(IEnumerable<(Guid Sphere, Guid Organization)> rows, string table)
        {
            var list = rows.ToList();
            Assert.NotEmpty(list);
            Assert.True(list.All(r => organizationOf[r.Sphere] == r.Organization), $"{table}: a row's OrganizationId is not its sphere's");
        }
        Check(db.SphereMembers.AsNoTracking().AsEnumerable().Select(r => (r.SphereId, r.OrganizationId)), "sphere_members");
        Check(db.SphereGroups.AsNoTracking().AsEnumerable().Select(r => (r.SphereId, r.OrganizationId)), "sphere_groups");
        Check(db.SphereGroupMembers.AsNoTracking().AsEnumerable().Select(r => (r.SphereId, r.OrganizationId)), "sphere_group_members");
        Check(db.Posts.AsNoTracking().AsEnumerable().Select(r => (r.SphereId, r.OrganizationId)), "posts");
        Check(db.PostTags.AsNoTracking().AsEnumerable().Select(r => (r.SphereId, r.OrganizationId)), "post_tags");
        Check(db.PostRecipients.AsNoTracking().AsEnumerable().Select(r => (r.SphereId, r.OrganizationId)), "post_recipients");
        Check(db.Comments.AsNoTracking().AsEnumerable().Select(r => (r.SphereId, r.OrganizationId)), "comments");
        Check(db.Reactions.AsNoTracking().AsEnumerable().Select(r => (r.SphereId, r.OrganizationId)), "reactions");
        // Mentions, comments, the private post and the invitation notified the people they address.
        Assert.NotEmpty(db.Notifications.AsNoTracking());
    }

    [Theory, Engines]
    public async Task Loading_again_is_refused_and_changes_nothing(Engine engine)
    {
        var app = world.App(engine);
        int Users()
        {
            using var scope = app.Services.CreateScope();
            return scope.ServiceProvider.GetRequiredService<EnclaveDb>().Users.Count();
        }
        var before = Users();
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(1, await DemoCommand.RunAsync(app.Services, output, error, CancellationToken.None));
        Assert.Contains("already has accounts", error.ToString(), StringComparison.Ordinal);
        Assert.Equal("", output.ToString());
        Assert.Equal(before, Users());

        // A restart with Demo:Load still set starts normally and loads nothing.
        using var restarted = new EnclaveApp(engine, new Dictionary<string, string?> { ["Demo:Load"] = "true" }, app.ConnectionString);
        await restarted.Anonymous().GetOkAsync("/health/ready");
        Assert.Equal(before, Users());
    }

    [Theory, Engines]
    public async Task The_demo_command_loads_an_empty_database_then_refuses_with_exit_code_1(Engine engine)
    {
        using var folder = new TempFolder();
        var connectionString = ServerCommand.ConnectionStringFor(engine, folder);

        var first = await ServerCommand.RunAsync(engine, connectionString, folder, "demo");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains(DemoWorld.Password, first.Output, StringComparison.Ordinal);
        Assert.Contains($"Sign in first as {DemoWorld.FirstUser}", first.Output, StringComparison.Ordinal);
        Assert.All(DemoWorld.People, p => Assert.Contains(p.UserName, first.Output, StringComparison.Ordinal));

        var second = await ServerCommand.RunAsync(engine, connectionString, folder, "demo");
        Assert.True(second.ExitCode == 1, second.ToString());
        Assert.Contains("already has accounts", second.Error, StringComparison.Ordinal);

        using var app = new EnclaveApp(engine, connectionString: connectionString);
        var camille = await SignInAsync(app, DemoWorld.FirstUser);
        Assert.NotEmpty((await camille.GetOkAsync("/api/v1/feed"))["items"]!.AsArray());
    }
}

public sealed class DemoDocsTests
{
    [Fact]
    public void The_readme_names_every_demo_account_the_first_one_and_the_password()
    {
        var readme = File.ReadAllText(Docs.Repository.PathOf("README.md"));
        Assert.Contains($"`{DemoWorld.Password}`", readme, StringComparison.Ordinal);
        Assert.Contains($"first as **`{DemoWorld.FirstUser}`**", readme, StringComparison.Ordinal);
        Assert.All(DemoWorld.People, p => Assert.Contains($"| `{p.UserName}` |", readme, StringComparison.Ordinal));
        Assert.Contains("dotnet run --project src/Enclave.Server -- demo", readme, StringComparison.Ordinal);
    }
}

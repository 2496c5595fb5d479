using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Enclave.Server.Data;
using Enclave.Server.Organizations;
using Enclave.Server.Posts;
using Enclave.Server.Seeding;
using Enclave.Server.Spheres;
using Enclave.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.Tests.Seeding;

public sealed class SeedCommandTests(SeededWorld world) : IClassFixture<SeededWorld>
{
    private static T WithDb<T>(EnclaveApp app, Func<EnclaveDb, T> read)
    {
        using var scope = app.Services.CreateScope();
        return read(scope.ServiceProvider.GetRequiredService<EnclaveDb>());
    }

    [Theory, Engines]
    public void The_world_has_the_requested_counts_every_table_filled_and_the_search_index_too(Engine engine)
    {
        WithDb(world.App(engine), db =>
        {
            Assert.Equal(200, db.Users.Count());
            Assert.Equal(5, db.Organizations.Count(o => !o.IsPersonal));
            Assert.Equal(200, db.Organizations.Count(o => o.IsPersonal));
            Assert.Equal(40, db.Spheres.Count());
            Assert.Equal(2000, db.Posts.Count());
            Assert.Equal(3000, db.Comments.Count());
            Assert.True(db.Organizations.Count(o => o.ParentId != null) >= 3, "a federation: a mother with daughters");
            Assert.Equal(Enum.GetValues<SphereType>().Order(), db.Spheres.Select(s => s.Type).Distinct().ToList().Order());
            Assert.Contains(OrganizationRole.Visitor, db.OrganizationMembers.Select(m => m.Role).Distinct().ToList());
            Assert.True(db.SphereMembers.Count() > 100);
            Assert.True(db.Reactions.Count() > 1000);
            Assert.True(db.PostTags.Any() && db.PostRecipients.Any() && db.ReadMarkers.Any() && db.Set<Enclave.Server.Posts.Attachments.Attachment>().Any());
            Assert.True(db.Posts.Count(p => p.IsPrivate) > 10);
            Assert.Contains(Enclave.Server.Notifications.NotificationKind.Mention, db.Notifications.Select(n => n.Kind).Distinct().ToList());
            var indexed = db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM search_documents WHERE \"Kind\" = 'post'").ToList().Single();
            Assert.Equal(2000, indexed);
            return 0;
        });
    }

    [Theory, Engines]
    public async Task A_database_with_accounts_is_refused_and_left_unchanged(Engine engine)
    {
        var app = world.App(engine);
        var error = new StringWriter();
        var code = await SeedCommand.RunAsync(app.Services, SeededWorld.Small, new StringWriter(), error, false, CancellationToken.None);
        Assert.Equal(SeedCommand.NotEmpty, code);
        Assert.Contains("already has accounts", error.ToString());
        Assert.Equal(200, WithDb(app, db => db.Users.Count()));
    }

    [Theory, Engines]
    public void The_same_seed_gives_the_same_rows_in_another_database(Engine engine)
    {
        using var other = SeededWorld.Seed(engine, SeededWorld.Small);
        static List<string> Sample(EnclaveDb db) =>
        [
            .. db.Users.OrderBy(u => u.Id).Select(u => $"{u.Id} {u.UserName} {u.FirstName} {u.LastName} {u.PersonalOrganizationId} {u.Language}").ToList(),
            .. db.Organizations.OrderBy(o => o.Id).Select(o => $"{o.Id} {o.Name} {o.ParentId} {o.RootId}").ToList(),
            .. db.SphereMembers.OrderBy(m => m.Id).Select(m => $"{m.Id} {m.SphereId} {m.UserId} {m.Role} {m.JoinedAt:O}").ToList(),
            .. db.Posts.OrderBy(p => p.Id).Select(p => $"{p.Id} {p.FeedKey} {p.SphereId} {p.AuthorId} {p.CommentCount} {p.IsPrivate} {p.PublishedAt:O} {p.Body} {p.BodyHtml}").ToList(),
            .. db.Comments.OrderBy(c => c.Id).Select(c => $"{c.Id} {c.PostId} {c.AuthorId} {c.Status} {c.Body}").ToList(),
            .. db.Reactions.OrderBy(r => r.Id).Select(r => $"{r.Id} {r.TargetId} {r.UserId} {r.Kind}").ToList(),
            .. db.Notifications.OrderBy(n => n.Id).Select(n => $"{n.Id} {n.UserId} {n.Kind} {n.PostId}").ToList(),
            .. db.ReadMarkers.OrderBy(r => r.Id).Select(r => $"{r.Id} {r.UserId} {r.ReadUpTo}").ToList(),
        ];
        var first = WithDb(world.App(engine), Sample);
        var second = WithDb(other, Sample);
        Assert.True(first.Count > 10_000);
        Assert.Equal(first, second);
    }

    [Theory, Engines]
    public void The_rows_are_consistent_with_what_the_app_writes(Engine engine)
    {
        WithDb(world.App(engine), db =>
        {
            var published = db.Comments.Where(c => c.Status == CommentStatus.Published).GroupBy(c => c.PostId).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionary(g => g.Key, g => g.Count);
            Assert.All(db.Posts.Select(p => new { p.Id, p.CommentCount }).ToList(), p => Assert.Equal(published.GetValueOrDefault(p.Id), p.CommentCount));

            var orgRoles = db.OrganizationMembers.Select(m => new { m.OrganizationId, m.UserId, m.Role }).ToList().ToDictionary(m => (m.OrganizationId, m.UserId), m => m.Role);
            var spheres = db.Spheres.ToDictionary(s => s.Id);
            foreach (var member in db.SphereMembers.ToList())
            {
                Assert.True(orgRoles.TryGetValue((spheres[member.SphereId].OrganizationId, member.UserId), out var role), "a sphere member outside the sphere's organization");
                Assert.True(role != OrganizationRole.Visitor || member.Role == SphereRole.Visitor, "an organization visitor holds only the visitor role");
                if (spheres[member.SphereId].Type == SphereType.Global) Assert.NotEqual(OrganizationRole.Visitor, role);
            }
            var explicitRows = db.SphereMembers.Select(m => new { m.SphereId, m.UserId }).ToList().Select(m => (m.SphereId, m.UserId)).ToHashSet();
            foreach (var recipient in db.PostRecipients.ToList())
            {
                var sphere = spheres[recipient.SphereId];
                var reads = sphere.Type == SphereType.Global
                    ? orgRoles.GetValueOrDefault((sphere.OrganizationId, recipient.UserId), OrganizationRole.Visitor) != OrganizationRole.Visitor
                    : explicitRows.Contains((recipient.SphereId, recipient.UserId));
                Assert.True(reads, "a private post's recipient is a reader of its sphere");
            }

            var inFeedOrder = db.Posts.OrderBy(p => p.FeedKey).Select(p => p.PublishedAt!.Value).ToList();
            Assert.Equal(2000, inFeedOrder.Count);
            for (var i = 1; i < inFeedOrder.Count; i++) Assert.True(inFeedOrder[i] > inFeedOrder[i - 1], "FeedKey order is publication order");
            return 0;
        });
    }

    private static async Task<Api> SignInAsync(EnclaveApp app, string userName)
    {
        var session = await app.Anonymous().PostOkAsync("/api/v1/auth/login", new { login = userName, password = SeedOptions.DefaultPassword, mode = "token" });
        var http = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var token = session["token"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new Api(http, new TestUser(session["user"]!["id"]!.GetValue<Guid>(), userName, "", SeedOptions.DefaultPassword, token));
    }

    [Theory, Engines]
    public async Task A_seeded_person_signs_in_reads_the_home_feed_pages_a_sphere_and_finds_a_seeded_word(Engine engine)
    {
        var app = world.App(engine);
        var (globalId, insider, word) = WithDb(app, db =>
        {
            var largest = db.Users.Where(u => u.UserName == "user000001").Select(u => u.Id).Single();
            var org = db.OrganizationMembers.Where(m => m.UserId == largest && m.Role == OrganizationRole.Manager)
                .Join(db.Organizations.Where(o => !o.IsPersonal), m => m.OrganizationId, o => o.Id, (m, o) => o.Id).First();
            var global = db.Spheres.Single(s => s.OrganizationId == org && s.Type == SphereType.Global).Id;
            var withRows = db.SphereMembers.Where(m => m.SphereId == global).Select(m => m.UserId);
            // An insider without a stored membership: a global sphere's members are implicit.
            var plain = db.OrganizationMembers.Where(m => m.OrganizationId == org && m.Role == OrganizationRole.Member && !withRows.Contains(m.UserId))
                .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.UserName).OrderBy(n => n).First();
            var body = db.Posts.Where(p => p.SphereId == global && !p.IsPrivate).OrderBy(p => p.FeedKey).Select(p => p.Body).First();
            var longWord = body.Split(' ', '\n').Select(w => w.Trim('.', '?', '!', '*')).First(w => w.Length >= 7 && w.All(char.IsLetter));
            return (global, plain, longWord);
        });

        var manager = await SignInAsync(app, "user000001");
        var home = (await manager.GetOkAsync("/api/v1/feed?limit=20"))["items"]!.AsArray();
        Assert.Equal(20, home.Count);

        var member = await SignInAsync(app, insider);
        var first = await member.GetOkAsync($"/api/v1/spheres/{globalId}/posts?limit=10");
        Assert.Equal(10, first["items"]!.AsArray().Count);
        var cursor = first["nextCursor"]!.GetValue<string>();
        var second = await member.GetOkAsync($"/api/v1/spheres/{globalId}/posts?limit=10&cursor={Uri.EscapeDataString(cursor)}");
        var ids = new[] { first, second }.SelectMany(p => p["items"]!.AsArray()).Select(p => p!["id"]!.GetValue<Guid>()).ToList();
        Assert.Equal(20, ids.Distinct().Count());

        var found = await member.GetOkAsync($"/api/v1/search?q={Uri.EscapeDataString(word)}");
        Assert.Contains(found["items"]!.AsArray(), r => r!["kind"]!.GetValue<string>() == "post");
    }
}

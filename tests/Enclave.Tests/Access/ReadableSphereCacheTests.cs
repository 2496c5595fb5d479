using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Memberships;
using Enclave.Server.Posts;
using Enclave.Server.Spheres;
using Enclave.Tests.Posts;
using Enclave.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.Tests.Access;

/// <summary>
/// The home feed keeps each person's readable spheres in memory under the access generation
/// (<see cref="ReadableSphereCache"/>). Every fact the gate's rule and the feed's labels read is
/// changed here straight in the database, as no application path would, right after a read that
/// filled the cache: the very next feed must already follow it. A missed change would be a leak.
/// </summary>
public sealed class ReadableSphereCacheTests
{
    public static TheoryData<Engine, string> Changes()
    {
        var data = new TheoryData<Engine, string>();
        foreach (var engine in new[] { Engine.Sqlite, Engine.Postgres })
            foreach (var change in new[] { "sphere row deleted", "organization membership deleted", "sphere charter", "organization charter",
                         "verified members only", "sphere moved to another organization", "sphere renamed", "organization renamed", "sphere role" })
                data.Add(engine, change);
        return data;
    }

    [Theory, MemberData(nameof(Changes))]
    public async Task A_change_reaches_the_next_home_feed_of_a_warm_cache(Engine engine, string change)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, org, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var post = (await alice.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "for the sphere" }))["id"]!.GetValue<Guid>();
        var before = await ItemAsync(bob, post);
        Assert.NotNull(before);
        Assert.False(before["permissions"]!["canPin"]!.GetValue<bool>());

        await ChangeAsync(app, change, org, sphere, bob.UserId);

        var after = await ItemAsync(bob, post);
        switch (change)
        {
            case "sphere renamed":
                Assert.Equal("Renamed sphere", after!["sphereName"]!.GetValue<string>());
                break;
            case "organization renamed":
                Assert.Equal("Renamed organization", after!["organizationName"]!.GetValue<string>());
                break;
            case "sphere role":
                Assert.True(after!["permissions"]!["canPin"]!.GetValue<bool>());
                break;
            default:
                Assert.Null(after);
                break;
        }
    }

    /// <summary>Changes that grant: the next feed shows what the warm cache did not hold.</summary>
    [Theory, Engines]
    public async Task A_granting_change_reaches_the_next_home_feed_of_a_warm_cache(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var post = (await alice.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "for verified readers" }))["id"]!.GetValue<Guid>();
        await WithDbAsync(app, db => db.Spheres.Where(s => s.Id == sphere).ExecuteUpdateAsync(s => s.SetProperty(x => x.VerifiedOnly, true)));
        Assert.Null(await ItemAsync(bob, post));

        await WithDbAsync(app, db => db.Users.Where(u => u.Id == bob.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.IdentityVerifiedAt, DateTime.UtcNow)));
        Assert.NotNull(await ItemAsync(bob, post));

        await WithDbAsync(app, db => db.Spheres.Where(s => s.Id == sphere)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Charter, "Be kind.").SetProperty(x => x.CharterVersion, x => x.CharterVersion + 1)));
        Assert.Null(await ItemAsync(bob, post));

        await WithDbAsync(app, async db =>
        {
            var s = await db.Spheres.AsNoTracking().FirstAsync(x => x.Id == sphere);
            db.CharterAcceptances.Add(new CharterAcceptance { Id = Ids.New(), OrganizationId = s.OrganizationId, SphereId = sphere, UserId = bob.UserId, Version = s.CharterVersion, AcceptedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        Assert.NotNull(await ItemAsync(bob, post));
    }

    /// <summary>Posting, commenting and reacting leave the generation alone: otherwise no feed would stay cached under load.</summary>
    [Theory, Engines]
    public async Task Content_does_not_move_the_generation(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var post = (await alice.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "counted once" }))["id"]!.GetValue<Guid>();
        // Other tests of the shared app may move it meanwhile: the content is written, then the
        // generation compared, three times; once without a move is enough, never would be a failure.
        var unmoved = false;
        for (var attempt = 0; attempt < 3 && !unmoved; attempt++)
        {
            var before = await GenerationAsync(app);
            await bob.PostOkAsync($"/api/v1/posts/{post}/comments", new { body = $"a comment {attempt}" });
            await alice.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = $"another post {attempt}" });
            await bob.GetOkAsync("/api/v1/feed");
            unmoved = await GenerationAsync(app) == before;
        }
        Assert.True(unmoved, "Every content write moved the access generation.");
        // And a membership change does move it.
        var moved = await GenerationAsync(app);
        await WithDbAsync(app, db => db.SphereMembers.Where(m => m.SphereId == sphere && m.UserId == bob.UserId).ExecuteDeleteAsync());
        Assert.True(await GenerationAsync(app) > moved);
    }

    /// <summary>
    /// Every table the cached statement reads has the generation's triggers, and every column it
    /// reads of the tables watched column by column (spheres, organizations, users) is in them:
    /// a new condition in the gate's rule on an unwatched column fails here.
    /// </summary>
    [Theory, Engines]
    public async Task The_triggers_watch_every_table_and_column_the_cached_statement_reads(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        using var scope = app.Services.CreateScope();
        var gate = scope.ServiceProvider.GetRequiredService<AccessGate>();
        var db = scope.ServiceProvider.GetRequiredService<EnclaveDb>();
        var sql = gate.ReadableSphereLabels(Guid.NewGuid()).ToQueryString();
        var aliases = Regex.Matches(sql, @"(?:FROM|JOIN)\s+""?(\w+)""?\s+AS\s+""?(\w+)""?")
            .ToDictionary(m => m.Groups[2].Value, m => m.Groups[1].Value);
        var read = Regex.Matches(sql, @"""?(\w+)""?\.""(\w+)""")
            .Where(m => aliases.ContainsKey(m.Groups[1].Value))
            .Select(m => (Table: aliases[m.Groups[1].Value], Column: m.Groups[2].Value)).Distinct().ToList();
        var tables = read.Select(r => r.Table).Distinct().ToList();
        Assert.Equal(["charter_acceptances", "organization_members", "organizations", "sphere_members", "spheres", "users"], tables.Order());

        var triggers = await TriggersAsync(db, engine);
        foreach (var table in tables)
        {
            var onTable = triggers.Where(t => t.Table == table).ToList();
            Assert.True(onTable.Count > 0, $"No access-generation trigger on {table}.");
            var update = onTable.Where(t => Regex.IsMatch(t.Sql, @"AFTER\s+(\w+\s+OR\s+)*UPDATE\b", RegexOptions.IgnoreCase)).ToList();
            Assert.True(update.Count > 0, $"No access-generation trigger on updates of {table}.");
            var watchesColumns = update.All(t => t.Sql.Contains(" WHEN", StringComparison.OrdinalIgnoreCase));
            if (!watchesColumns) continue;
            foreach (var (_, column) in read.Where(r => r.Table == table && r.Column != "Id"))
                Assert.True(update.Any(t => t.Sql.Contains($"OLD.\"{column}\"", StringComparison.OrdinalIgnoreCase)), $"{table}.{column} is read by the rule but its changes do not move the generation.");
        }
    }

    private static async Task<JsonNode?> ItemAsync(Api reader, Guid post) =>
        (await reader.GetOkAsync("/api/v1/feed?limit=100"))["items"]!.AsArray().FirstOrDefault(p => p!["id"]!.GetValue<Guid>() == post);

    private static async Task<long> GenerationAsync(EnclaveApp app)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<EnclaveDb>().AccessGenerations.AsNoTracking().Select(g => g.Value).SingleAsync();
    }

    private static async Task WithDbAsync(EnclaveApp app, Func<EnclaveDb, Task<int>> write)
    {
        using var scope = app.Services.CreateScope();
        Assert.True(await write(scope.ServiceProvider.GetRequiredService<EnclaveDb>()) > 0);
    }

    private static Task ChangeAsync(EnclaveApp app, string change, Guid org, Guid sphere, Guid bob) => change switch
    {
        "sphere row deleted" => WithDbAsync(app, db => db.SphereMembers.Where(m => m.SphereId == sphere && m.UserId == bob).ExecuteDeleteAsync()),
        "organization membership deleted" => WithDbAsync(app, db => db.OrganizationMembers.Where(m => m.OrganizationId == org && m.UserId == bob).ExecuteDeleteAsync()),
        "sphere charter" => WithDbAsync(app, db => db.Spheres.Where(s => s.Id == sphere)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Charter, "Be kind.").SetProperty(x => x.CharterVersion, x => x.CharterVersion + 1))),
        "organization charter" => WithDbAsync(app, db => db.Organizations.Where(o => o.Id == org)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Charter, "Be kind.").SetProperty(x => x.CharterVersion, x => x.CharterVersion + 1))),
        "verified members only" => WithDbAsync(app, db => db.Spheres.Where(s => s.Id == sphere).ExecuteUpdateAsync(s => s.SetProperty(x => x.VerifiedOnly, true))),
        // Moved to an organization Bob is not in: his sphere row no longer counts.
        "sphere moved to another organization" => WithDbAsync(app, async db =>
        {
            var elsewhere = await db.Organizations.AsNoTracking().Where(o => o.Id != org && !o.IsPersonal
                && !db.OrganizationMembers.Any(m => m.OrganizationId == o.Id && m.UserId == bob)).Select(o => o.Id).FirstAsync();
            return await db.Spheres.Where(s => s.Id == sphere).ExecuteUpdateAsync(s => s.SetProperty(x => x.OrganizationId, elsewhere));
        }),
        "sphere renamed" => WithDbAsync(app, db => db.Spheres.Where(s => s.Id == sphere).ExecuteUpdateAsync(s => s.SetProperty(x => x.Name, "Renamed sphere"))),
        "organization renamed" => WithDbAsync(app, db => db.Organizations.Where(o => o.Id == org).ExecuteUpdateAsync(s => s.SetProperty(x => x.Name, "Renamed organization"))),
        "sphere role" => WithDbAsync(app, db => db.SphereMembers.Where(m => m.SphereId == sphere && m.UserId == bob)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Role, SphereRole.Publisher))),
        _ => throw new ArgumentOutOfRangeException(nameof(change), change, null),
    };

    private sealed record Trigger(string Table, string Sql);

    private static async Task<List<Trigger>> TriggersAsync(EnclaveDb db, Engine engine)
    {
        var sql = engine == Engine.Postgres
            ? "SELECT c.relname AS \"Table\", pg_get_triggerdef(t.oid) AS \"Sql\" FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname LIKE 'access\\_%' AND NOT t.tgisinternal"
            : "SELECT tbl_name AS \"Table\", sql AS \"Sql\" FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'access\\_%' ESCAPE '\\'";
        return await db.Database.SqlQueryRaw<Trigger>(sql).ToListAsync();
    }
}

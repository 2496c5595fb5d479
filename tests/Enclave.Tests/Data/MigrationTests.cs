using System.Data.Common;
using Enclave.Server.Data;
using Enclave.Server.Data.Migrations;
using Enclave.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Enclave.Tests.Data;

public sealed class MigrationTests
{
    private static readonly Dictionary<string, string?> NoAutoMigrate = new() { ["Database:MigrateOnStartup"] = "false" };

    /// <summary>The hand-written migrations must produce exactly the schema the EF model describes.</summary>
    [Theory, Engines]
    public async Task Migrated_schema_matches_the_model(Engine engine)
    {
        using var app = new EnclaveApp(engine, NoAutoMigrate);
        await app.Services.GetRequiredService<MigrationRunner>().MigrateAsync();

        var reference = engine == Engine.Sqlite
            ? $"Data Source={Path.Combine(Path.GetTempPath(), $"enclave-model-{Guid.NewGuid():N}.db")}"
            : PostgresServer.CreateDatabase("enclave_model");
        var options = new DbContextOptionsBuilder<EnclaveDb>();
        DataServiceCollectionExtensions.Configure(options, engine == Engine.Sqlite ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres, reference);
        await using (var model = new EnclaveDb(options.Options))
            Assert.True(await model.Database.EnsureCreatedAsync());

        await using var migrated = Open(engine, app.ConnectionString);
        await using var expected = Open(engine, reference);
        var actual = await SchemaSnapshot.TakeAsync(engine, migrated);
        var wanted = await SchemaSnapshot.TakeAsync(engine, expected);
        Assert.NotEmpty(wanted);
        Assert.Equal(wanted, actual);
    }

    [Theory, Engines]
    public async Task Migrating_twice_applies_nothing_the_second_time(Engine engine)
    {
        using var app = new EnclaveApp(engine, NoAutoMigrate);
        var runner = app.Services.GetRequiredService<MigrationRunner>();
        var first = await runner.MigrateAsync();
        Assert.Equal(MigrationRunner.Available(engine == Engine.Sqlite ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres), first);
        Assert.Empty(await runner.MigrateAsync());
    }

    /// <summary>
    /// A database holding data at the first migration keeps it through every later one and stays usable.
    /// (From the first rather than the previous one: the old data is written with the first schema's
    /// columns, which every later migration must carry forward; columns added since have no defaults.)
    /// </summary>
    [Theory, Engines]
    public async Task Upgrading_from_the_first_migration_keeps_the_data(Engine engine)
    {
        var provider = engine == Engine.Sqlite ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;
        var migrations = MigrationRunner.Available(provider);
        Assert.True(migrations.Count >= 2, "the upgrade test needs at least two migrations");
        var first = migrations[0];

        string connectionString;
        string userName;
        Guid organizationId;
        using (var old = new EnclaveApp(engine, NoAutoMigrate))
        {
            connectionString = old.ConnectionString;
            Assert.Equal(migrations.Take(1), await old.Services.GetRequiredService<MigrationRunner>().MigrateAsync(first));
            // Write data into the first schema: an account with its personal organization, and an
            // organization. Raw SQL, because today's EF model maps columns that later migrations add.
            userName = World.UniqueName("old");
            organizationId = Guid.CreateVersion7();
            using var scope = old.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<EnclaveDb>();
            var hash = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.IPasswordHasher<Enclave.Server.Accounts.User>>()
                .HashPassword(null!, World.Password);
            var (userId, personal, now) = (Guid.CreateVersion7(), Guid.CreateVersion7(), DateTime.UtcNow);
            var (no, email, normalized) = (false, $"{userName}@example.org", userName.ToLowerInvariant());
            foreach (var (id, name, isPersonal) in new[] { (personal, "Personal", true), (organizationId, "Before the upgrade", false) })
                await db.Database.ExecuteSqlInterpolatedAsync($@"INSERT INTO organizations (""Id"", ""Name"", ""Description"", ""IsPersonal"", ""Plan"", ""RootId"", ""HiddenInTree"",
                    ""MembersCanCreateSpheres"", ""ExternalPortal"", ""CharterVersion"", ""CreatedAt"") VALUES ({id}, {name}, {""}, {isPersonal}, {"Standard"}, {id}, {no}, {no}, {no}, {0}, {now})");
            await db.Database.ExecuteSqlInterpolatedAsync($@"INSERT INTO users (""Id"", ""UserName"", ""NormalizedUserName"", ""FirstName"", ""LastName"", ""Email"", ""NormalizedEmail"",
                ""PasswordHash"", ""Bio"", ""Status"", ""IsPlatformAdmin"", ""PersonalOrganizationId"", ""Language"", ""FailedLogins"", ""CreatedAt"")
                VALUES ({userId}, {userName}, {normalized}, {"Alice"}, {"Ancienne"}, {email}, {email}, {hash}, {""}, {""}, {no}, {personal}, {"en"}, {0}, {now})");
            foreach (var membership in new[] { personal, organizationId })
                await db.Database.ExecuteSqlInterpolatedAsync($@"INSERT INTO organization_members (""Id"", ""OrganizationId"", ""UserId"", ""Role"", ""JoinedAt"")
                    VALUES ({Guid.CreateVersion7()}, {membership}, {userId}, {"Manager"}, {now})");
        }

        using var upgraded = new EnclaveApp(engine, connectionString: connectionString);
        var client = upgraded.Anonymous();
        var session = await client.PostOkAsync("/api/v1/auth/login", new { login = userName, password = World.Password, mode = "token" });
        Assert.Equal("Alice Ancienne", session["user"]!["displayName"]!.GetValue<string>());
        var http = upgraded.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", session["token"]!.GetValue<string>());
        var alice2 = new Api(http, null);
        var organization = await alice2.GetOkAsync($"/api/v1/organizations/{organizationId}");
        Assert.Equal("Before the upgrade", organization["name"]!.GetValue<string>());
        Assert.Equal("manager", organization["myRole"]!.GetValue<string>());
        // The tables added by the last migration work with the old data.
        var sphere = await alice2.CreateSphereAsync(organizationId, name: "After the upgrade");
        Assert.Equal("administrator", (await alice2.GetOkAsync($"/api/v1/spheres/{sphere}"))["myRole"]!.GetValue<string>());
    }

    private static DbConnection Open(Engine engine, string connectionString) =>
        engine == Engine.Sqlite ? new SqliteConnection(connectionString) : new NpgsqlConnection(connectionString);
}

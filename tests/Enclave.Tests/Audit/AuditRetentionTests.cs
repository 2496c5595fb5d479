using System.Text.Json;
using Enclave.Server.Audit;
using Enclave.Server.Data;
using Enclave.Server.Privacy;
using Enclave.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.Tests.Audit;

public sealed class AuditRetentionTests
{
    private static AuditEntry Entry(DateTime at) =>
        new() { Id = Ids.New(), At = at, Action = AuditActions.SignIn, Ip = "192.0.2.1", Detail = "retention-test" };

    [Theory, Engines]
    public async Task Entries_past_their_year_are_deleted_and_younger_ones_stay(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var now = DateTime.UtcNow;
        var old = Entry(now.AddDays(-400));
        var almost = Entry(now.AddDays(-360));
        var fresh = Entry(now.AddMinutes(-1));
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EnclaveDb>();
        db.AuditEntries.AddRange(old, almost, fresh);
        await db.SaveChangesAsync();

        var deleted = await AuditRetention.RunOnceAsync(db, app.Clock, CancellationToken.None);

        Assert.True(deleted >= 1);
        var left = await db.AuditEntries.AsNoTracking().Where(e => e.Id == old.Id || e.Id == almost.Id || e.Id == fresh.Id).Select(e => e.Id).ToListAsync();
        Assert.Equal(new[] { almost.Id, fresh.Id }.Order(), left.Order());
    }

    [Theory, Engines]
    public async Task An_application_clock_ahead_of_the_database_deletes_nothing_the_triggers_protect(Engine engine)
    {
        using var app = new EnclaveApp(engine);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EnclaveDb>();
        var young = Entry(DateTime.UtcNow.AddDays(-30));
        db.AuditEntries.Add(young);
        await db.SaveChangesAsync();
        app.Clock.Advance(TimeSpan.FromDays(400));

        // Without the database's own clock in the statement, the trigger would abort it (and every later run).
        Assert.Equal(0, await AuditRetention.RunOnceAsync(db, app.Clock, CancellationToken.None));
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Id == young.Id));
        // And the triggers still refuse a direct delete of it.
        await Assert.ThrowsAnyAsync<Exception>(() => db.AuditEntries.Where(e => e.Id == young.Id).ExecuteDeleteAsync());
    }

    [Fact]
    public void The_retention_period_matches_the_database_triggers()
    {
        var sqlite = ReadMigration("0008_audit.sqlite.sql");
        var postgres = ReadMigration("0008_audit.postgres.sql");
        Assert.Contains($"'-{AuditOptions.RetentionDays} days'", sqlite);
        Assert.Contains($"interval '{AuditOptions.RetentionDays} days'", postgres);
    }

    private static string ReadMigration(string name)
    {
        var assembly = typeof(AuditEntry).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith(name, StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
        return reader.ReadToEnd();
    }

    private sealed class MemoryArchive : IExportArchive
    {
        public Dictionary<string, string> Json { get; } = [];

        public Task AddJsonAsync<T>(string path, T value, CancellationToken cancellationToken)
        {
            Json[path] = JsonSerializer.Serialize(value, new JsonSerializerOptions(JsonSerializerDefaults.Web));
            return Task.CompletedTask;
        }

        public Task AddFileAsync(string path, Stream content, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    [Theory, Engines]
    public async Task The_export_holds_the_entries_about_the_person_only(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var bob = await app.SignUpAsync();
        await app.SignInAsync(alice.User!);
        await app.SignInAsync(bob.User!);
        await alice.PostOkAsync("/api/v1/me/tokens", new { name = "export" });

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EnclaveDb>();
        var exporter = scope.ServiceProvider.GetServices<IPersonalDataExporter>().OfType<AuditExporter>().Single();
        var archive = new MemoryArchive();
        await exporter.ExportAsync(new PersonalDataExport(db, alice.UserId, archive), CancellationToken.None);

        var entries = JsonDocument.Parse(archive.Json["audit/entries.json"]).RootElement.EnumerateArray().ToList();
        Assert.Equal([AuditActions.SignIn, AuditActions.TokenCreated], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.All(entries, e => Assert.Equal(alice.UserId, e.GetProperty("subjectUserId").GetGuid()));
    }
}

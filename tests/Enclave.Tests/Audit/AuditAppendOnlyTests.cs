using Enclave.Server.Audit;
using Enclave.Server.Data;
using Enclave.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.Tests.Audit;

/// <summary>The trail is append-only in the database itself, not just in the absence of an endpoint.</summary>
public sealed class AuditAppendOnlyTests
{
    [Theory, Engines]
    public async Task Entries_cannot_be_updated_or_deleted_but_old_ones_can_be_pruned(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var recent = Guid.NewGuid();
        var old = Guid.NewGuid();
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EnclaveDb>();
            db.AuditEntries.Add(new AuditEntry { Id = recent, At = DateTime.UtcNow, Action = AuditActions.SignIn, SubjectUserId = Guid.NewGuid() });
            db.AuditEntries.Add(new AuditEntry { Id = old, At = DateTime.UtcNow.AddDays(-400), Action = AuditActions.SignIn });
            await db.SaveChangesAsync();
        }
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EnclaveDb>();
            await Assert.ThrowsAnyAsync<Exception>(() => db.AuditEntries.Where(e => e.Id == recent).ExecuteUpdateAsync(s => s.SetProperty(e => e.Detail, "rewritten")));
            await Assert.ThrowsAnyAsync<Exception>(() => db.AuditEntries.Where(e => e.Id == recent).ExecuteDeleteAsync());
            await Assert.ThrowsAnyAsync<Exception>(() => db.AuditEntries.Where(e => e.Id == old).ExecuteUpdateAsync(s => s.SetProperty(e => e.Action, "x")));
            Assert.Equal(1, await db.AuditEntries.Where(e => e.Id == old).ExecuteDeleteAsync());
            var kept = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Id == recent);
            Assert.Null(kept.Detail);
        }
    }
}

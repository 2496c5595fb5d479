using Enclave.Server.Access;
using Enclave.Server.Accounts;
using Enclave.Server.Data;
using Enclave.Server.Web;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Chat;

public sealed record ChatBlockResponse(UserSummary User, DateTime CreatedAt);

/// <summary>
/// Blocking a person: from then on neither can open a conversation with the other nor write in
/// their direct conversation (403 <c>blocked</c>); shared groups and sphere channels are unchanged.
/// Only someone the viewer may see (or already talks with) can be blocked, so blocking is no way to probe accounts.
/// </summary>
public sealed class ChatBlocks(EnclaveDb db, AccessGate gate, TimeProvider clock)
{
    public async Task<IReadOnlyList<ChatBlockResponse>> ListAsync(Viewer viewer, CancellationToken cancellationToken)
    {
        var me = viewer.Id;
        var rows = await db.Set<ChatBlock>().AsNoTracking().Where(b => b.BlockerId == me).OrderBy(b => b.CreatedAt).Take(500)
            .Join(db.Users, b => b.BlockedId, u => u.Id, (b, u) => new { b.CreatedAt, User = u }).ToListAsync(cancellationToken);
        return rows.Select(r => new ChatBlockResponse(UserSummary.From(r.User), r.CreatedAt)).ToList();
    }

    public async Task BlockAsync(Viewer viewer, Guid userId, CancellationToken cancellationToken)
    {
        var me = viewer.Id;
        if (userId == me) Validation.Field("userId", "cannot be yourself.");
        var participants = db.Set<ChatParticipant>();
        var talking = await participants.AnyAsync(p => p.UserId == me &&
            participants.Any(o => o.ConversationId == p.ConversationId && o.UserId == userId), cancellationToken);
        if (!await db.Users.AnyAsync(u => u.Id == userId, cancellationToken) || (!talking && !await gate.CanSeeUserAsync(viewer, userId, cancellationToken)))
            throw ProblemException.NotFound("person");
        var blocks = db.Set<ChatBlock>();
        if (await blocks.AnyAsync(b => b.BlockerId == me && b.BlockedId == userId, cancellationToken)) return;
        blocks.Add(new ChatBlock { BlockerId = me, BlockedId = userId, CreatedAt = clock.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear(); // Blocked twice at once: one row is all it takes.
        }
    }

    public Task UnblockAsync(Viewer viewer, Guid userId, CancellationToken cancellationToken)
    {
        var me = viewer.Id;
        return db.Set<ChatBlock>().Where(b => b.BlockerId == me && b.BlockedId == userId).ExecuteDeleteAsync(cancellationToken);
    }
}

using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Web;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Tasks;

/// <summary>Who is assigned to a card: only members of the card's sphere, checked by the gate.</summary>
public static class TaskAssignees
{
    /// <summary>The distinct ids, all members of the sphere; 422 <c>assignee_not_member</c> naming the others.</summary>
    public static async Task<List<Guid>> RequireMembersAsync(SphereAccess access, IReadOnlyCollection<Guid>? userIds, AccessGate gate, CancellationToken cancellationToken)
    {
        var ids = (userIds ?? []).Distinct().ToList();
        if (ids.Count == 0) return ids;
        var members = await gate.MembersAmongAsync(access, ids, cancellationToken);
        var outsiders = ids.Where(id => !members.ContainsKey(id)).ToList();
        if (outsiders.Count > 0)
            throw ProblemException.Unprocessable("assignee_not_member", "Only members of the sphere can be assigned.",
                new Dictionary<string, string[]> { ["userIds"] = outsiders.Select(id => $"{id} is not a member of this sphere.").ToArray() });
        return ids;
    }

    /// <summary>Replaces the card's assignees; returns those newly added (they are notified). A parallel identical change is not an error.</summary>
    public static async Task<List<Guid>> SetAsync(SphereAccess access, TaskCard card, IReadOnlyCollection<Guid> userIds, AccessGate gate, EnclaveDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var wanted = await RequireMembersAsync(access, userIds, gate, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await db.InTransactionAsync(async () =>
                {
                    var current = await db.Set<TaskAssignee>().Where(a => a.CardId == card.Id).Select(a => a.UserId).ToListAsync(cancellationToken);
                    var added = wanted.Except(current).ToList();
                    await db.Set<TaskAssignee>().Where(a => a.CardId == card.Id && !wanted.Contains(a.UserId)).ExecuteDeleteAsync(cancellationToken);
                    var now = clock.GetUtcNow().UtcDateTime;
                    db.Set<TaskAssignee>().AddRange(added.Select(u => new TaskAssignee { CardId = card.Id, UserId = u, OrganizationId = card.OrganizationId, SphereId = card.SphereId, AssignedAt = now }));
                    return added;
                }, cancellationToken);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Someone assigned the same person at the same moment: read again and settle.
                db.ChangeTracker.Clear();
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}

using Enclave.Server.Data;
using Enclave.Server.Web;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Moderation;

/// <summary>Mutes: checked by every write path of a sphere (post, comment, reaction), one indexed lookup.</summary>
public static class Mutes
{
    public static async Task<DateTime?> UntilAsync(EnclaveDb db, TimeProvider clock, Guid sphereId, Guid userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.SphereMutes.AsNoTracking().Where(m => m.SphereId == sphereId && m.UserId == userId && m.Until > now)
            .Select(m => (DateTime?)m.Until).FirstOrDefaultAsync(cancellationToken);
    }

    public static async Task ThrowIfMutedAsync(EnclaveDb db, TimeProvider clock, Guid sphereId, Guid userId, CancellationToken cancellationToken)
    {
        if (await UntilAsync(db, clock, sphereId, userId, cancellationToken) is { } until)
            throw new ProblemException(StatusCodes.Status403Forbidden, "muted_until", "A moderator muted you in this sphere for now; you can still read it.",
                new Dictionary<string, string[]> { ["until"] = [until.ToString("O")] });
    }
}

/// <summary>Bans: checked wherever someone would become a member of an organization (see MembershipService) or be invited to it.</summary>
public static class Bans
{
    public static async Task ThrowIfBannedAsync(EnclaveDb db, Guid organizationId, Guid userId, CancellationToken cancellationToken)
    {
        if (await db.OrganizationBans.AnyAsync(b => b.OrganizationId == organizationId && b.UserId == userId, cancellationToken))
            throw ProblemException.Forbidden("banned", "This person is banned from the organization.");
    }
}

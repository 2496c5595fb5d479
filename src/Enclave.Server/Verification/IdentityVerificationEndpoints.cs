using Enclave.Server.Access;
using Enclave.Server.Accounts;
using Enclave.Server.Audit;
using Enclave.Server.Data;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Verification;

/// <summary>
/// A person's verified identity as a viewer sees it. Everyone who may see the person sees whether
/// and by which organization (or the platform's administrators) they were verified, and when;
/// <see cref="VerifiedBy"/> (the individual who checked) only managers of that organization and
/// platform administrators see.
/// </summary>
public sealed record IdentityVerificationResponse(Guid UserId, bool Verified, DateTime? VerifiedAt, Guid? VerifiedByOrganizationId,
    string? VerifiedByOrganizationName, bool VerifiedByPlatform, UserSummary? VerifiedBy);

public static class IdentityVerificationEndpoints
{
    public static RouteGroupBuilder MapIdentityVerification(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("").WithTags("Verified identity");
        group.MapGet("/users/{id:guid}/verification", Get);
        group.MapPut("/organizations/{id:guid}/members/{userId:guid}/verification", VerifyForOrganization);
        group.MapDelete("/organizations/{id:guid}/members/{userId:guid}/verification", UnverifyForOrganization);
        group.MapPut("/admin/users/{id:guid}/verification", VerifyAsPlatform);
        group.MapDelete("/admin/users/{id:guid}/verification", UnverifyAsPlatform);
        return group;
    }

    internal static async Task<Ok<IdentityVerificationResponse>> Get(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        if (!await gate.CanSeeUserAsync(viewer, id, cancellationToken)) throw ProblemException.NotFound("person");
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken) ?? throw ProblemException.NotFound("person");
        return TypedResults.Ok(await ViewAsync(db, gate, viewer, user, cancellationToken));
    }

    internal static async Task<Ok<IdentityVerificationResponse>> VerifyForOrganization(Guid id, Guid userId, Viewer viewer, AccessGate gate, EnclaveDb db,
        AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = await RequireManagedPersonAsync(id, userId, viewer, gate, db, cancellationToken);
        if (!user.IsIdentityVerified)
        {
            Stamp(user, viewer.Id, id, clock);
            audit.Record(AuditActions.IdentityVerified, viewer.Id, new AuditTarget(SubjectUserId: userId, OrganizationId: id, TargetType: "user", TargetId: userId));
            await db.SaveChangesAsync(cancellationToken);
        }
        return TypedResults.Ok(await ViewAsync(db, gate, viewer, user, cancellationToken));
    }

    /// <summary>A manager withdraws only a verification their own organization gave; another's stands (409).</summary>
    internal static async Task<NoContent> UnverifyForOrganization(Guid id, Guid userId, Viewer viewer, AccessGate gate, EnclaveDb db,
        AuditLog audit, CancellationToken cancellationToken)
    {
        var user = await RequireManagedPersonAsync(id, userId, viewer, gate, db, cancellationToken);
        if (!user.IsIdentityVerified) return TypedResults.NoContent();
        if (user.IdentityVerifiedByOrganizationId != id)
            throw ProblemException.Conflict("verified_elsewhere", "This identity was verified by another organization or by the platform's administrators; only they can withdraw it.");
        Clear(user);
        audit.Record(AuditActions.IdentityUnverified, viewer.Id, new AuditTarget(SubjectUserId: userId, OrganizationId: id, TargetType: "user", TargetId: userId));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<IdentityVerificationResponse>> VerifyAsPlatform(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = await RequirePlatformPersonAsync(id, viewer, db, cancellationToken);
        if (!user.IsIdentityVerified)
        {
            Stamp(user, viewer.Id, null, clock);
            audit.Record(AuditActions.IdentityVerified, viewer.Id, new AuditTarget(SubjectUserId: id, TargetType: "user", TargetId: id, Detail: "platform"));
            await db.SaveChangesAsync(cancellationToken);
        }
        return TypedResults.Ok(await ViewAsync(db, gate, viewer, user, cancellationToken));
    }

    /// <summary>Platform administrators may withdraw any verification.</summary>
    internal static async Task<NoContent> UnverifyAsPlatform(Guid id, Viewer viewer, EnclaveDb db, AuditLog audit, CancellationToken cancellationToken)
    {
        var user = await RequirePlatformPersonAsync(id, viewer, db, cancellationToken);
        if (!user.IsIdentityVerified) return TypedResults.NoContent();
        var organizationId = user.IdentityVerifiedByOrganizationId;
        Clear(user);
        audit.Record(AuditActions.IdentityUnverified, viewer.Id, new AuditTarget(SubjectUserId: id, OrganizationId: organizationId, TargetType: "user", TargetId: id, Detail: "platform"));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static void Stamp(User user, Guid verifierId, Guid? organizationId, TimeProvider clock)
    {
        user.IdentityVerifiedAt = clock.GetUtcNow().UtcDateTime;
        user.IdentityVerifiedById = verifierId;
        user.IdentityVerifiedByOrganizationId = organizationId;
    }

    private static void Clear(User user)
    {
        user.IdentityVerifiedAt = null;
        user.IdentityVerifiedById = null;
        user.IdentityVerifiedByOrganizationId = null;
    }

    /// <summary>A manager verifies the people of their own (non-personal) organization: members and visitors.</summary>
    private static async Task<User> RequireManagedPersonAsync(Guid organizationId, Guid userId, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        var access = await gate.OrganizationAsync(viewer, organizationId, cancellationToken);
        if (access.Organization.IsPersonal) throw ProblemException.NotFound("organization");
        if (!access.IsManager) throw ProblemException.Forbidden("not_manager", "Only the organization's managers can verify identities.");
        if (await gate.OrganizationRoleAsync(userId, organizationId, cancellationToken) is null) throw ProblemException.NotFound("member");
        return await db.Users.FirstAsync(u => u.Id == userId, cancellationToken);
    }

    private static async Task<User> RequirePlatformPersonAsync(Guid userId, Viewer viewer, EnclaveDb db, CancellationToken cancellationToken)
    {
        _ = viewer.Id;
        if (!viewer.IsPlatformAdmin) throw ProblemException.NotFound("endpoint");
        return await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken) ?? throw ProblemException.NotFound("person");
    }

    internal static async Task<IdentityVerificationResponse> ViewAsync(EnclaveDb db, AccessGate gate, Viewer viewer, User user, CancellationToken cancellationToken)
    {
        if (!user.IsIdentityVerified) return new(user.Id, false, null, null, null, false, null);
        var organizationId = user.IdentityVerifiedByOrganizationId;
        var organizationName = organizationId is { } o
            ? await db.Organizations.AsNoTracking().Where(x => x.Id == o).Select(x => x.Name).FirstOrDefaultAsync(cancellationToken)
            : null;
        var mayKnowVerifier = viewer.IsPlatformAdmin || (viewer.UserId is { } me && organizationId is { } org &&
            await gate.OrganizationRoleAsync(me, org, cancellationToken) == Organizations.OrganizationRole.Manager);
        UserSummary? verifiedBy = null;
        if (mayKnowVerifier && user.IdentityVerifiedById is { } verifierId &&
            await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == verifierId, cancellationToken) is { } verifier)
            verifiedBy = UserSummary.From(verifier);
        return new(user.Id, true, user.IdentityVerifiedAt, organizationId, organizationName, organizationId is null, verifiedBy);
    }
}

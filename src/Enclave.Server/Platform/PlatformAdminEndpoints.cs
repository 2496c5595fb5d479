using Enclave.Server.Audit;
using Enclave.Server.Access;
using Enclave.Server.Accounts;
using Enclave.Server.Data;
using Enclave.Server.Organizations;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Platform;

public sealed record AdminUserResponse(Guid Id, string UserName, string DisplayName, string Email, bool IsPlatformAdmin, bool Locked, DateTime CreatedAt);

public sealed record AdminOrganizationResponse(Guid Id, string Name, Guid? ParentId, OrganizationPlan Plan, int People, int Spheres, DateTime CreatedAt);

public sealed record SetAdminRequest(bool? IsPlatformAdmin);

public sealed record SetPlanRequest(OrganizationPlan? Plan);

/// <summary>
/// Platform administration: accounts and organizations as metadata (names, counts, plans). Never
/// sphere content: a platform administrator reads spheres only as a member, like anyone else.
/// </summary>
public static class PlatformAdminEndpoints
{
    public static RouteGroupBuilder MapPlatformAdmin(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/admin").WithTags("Platform administration");
        group.MapGet("/users", Users);
        group.MapPut("/users/{id:guid}/platform-admin", SetAdmin);
        group.MapGet("/organizations", Organizations);
        group.MapPut("/organizations/{id:guid}/plan", SetPlan);
        return group;
    }

    /// <summary>Non-administrators get 404: the administration surface does not announce itself.</summary>
    private static void Require(Viewer viewer)
    {
        _ = viewer.Id;
        if (!viewer.IsPlatformAdmin) throw ProblemException.NotFound("endpoint");
    }

    internal static async Task<Ok<Page<AdminUserResponse>>> Users(string? q, string? cursor, int? limit, Viewer viewer, EnclaveDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        Require(viewer);
        var now = clock.GetUtcNow().UtcDateTime;
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim().ToLowerInvariant();
            query = query.Where(u => u.NormalizedUserName.Contains(term) || u.NormalizedEmail.Contains(term) ||
                (u.FirstName + " " + u.LastName).ToLower().Contains(term));
        }
        return TypedResults.Ok(await query.ToPageAsync(u => u.Id, cursor, limit,
            u => new AdminUserResponse(u.Id, u.UserName, u.DisplayName, u.Email, u.IsPlatformAdmin, u.LockedUntil > now, u.CreatedAt), cancellationToken));
    }

    internal static async Task<Ok<AdminUserResponse>> SetAdmin(Guid id, SetAdminRequest request, Viewer viewer, EnclaveDb db, AuditLog audit, CancellationToken cancellationToken)
    {
        Require(viewer);
        new Validation().Require("isPlatformAdmin", request.IsPlatformAdmin).ThrowIfAny();
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken) ?? throw ProblemException.NotFound("person");
        if (request.IsPlatformAdmin == false && user.IsPlatformAdmin &&
            !await db.Users.AnyAsync(u => u.Id != id && u.IsPlatformAdmin, cancellationToken))
            throw ProblemException.Conflict("last_platform_admin", "The platform keeps at least one administrator.");
        if (user.IsPlatformAdmin != request.IsPlatformAdmin)
            audit.Record(AuditActions.PlatformAdminChanged, viewer.Id, new AuditTarget(SubjectUserId: id, TargetType: "user", TargetId: id, Detail: request.IsPlatformAdmin == true ? "granted" : "revoked"));
        user.IsPlatformAdmin = request.IsPlatformAdmin!.Value;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new AdminUserResponse(user.Id, user.UserName, user.DisplayName, user.Email, user.IsPlatformAdmin, false, user.CreatedAt));
    }

    private sealed class OrganizationRow
    {
        public Guid Id { get; init; }
        public required Organization Organization { get; init; }
        public int People { get; init; }
        public int Spheres { get; init; }
    }

    internal static async Task<Ok<Page<AdminOrganizationResponse>>> Organizations(string? q, string? cursor, int? limit, Viewer viewer, EnclaveDb db, CancellationToken cancellationToken)
    {
        Require(viewer);
        var organizations = db.Organizations.AsNoTracking().Where(o => !o.IsPersonal);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim().ToLowerInvariant();
            organizations = organizations.Where(o => o.Name.ToLower().Contains(term));
        }
        var rows = organizations.Select(o => new OrganizationRow
        {
            Id = o.Id,
            Organization = o,
            People = db.OrganizationMembers.Count(m => m.OrganizationId == o.Id),
            Spheres = db.Spheres.Count(s => s.OrganizationId == o.Id),
        });
        return TypedResults.Ok(await rows.ToPageAsync(r => r.Id, cursor, limit, ToResponse, cancellationToken));
    }

    internal static async Task<Ok<AdminOrganizationResponse>> SetPlan(Guid id, SetPlanRequest request, Viewer viewer, EnclaveDb db, AuditLog audit, CancellationToken cancellationToken)
    {
        Require(viewer);
        new Validation().Require("plan", request.Plan).ThrowIfAny();
        var organization = await db.Organizations.FirstOrDefaultAsync(o => o.Id == id && !o.IsPersonal, cancellationToken) ?? throw ProblemException.NotFound("organization");
        if (organization.Plan != request.Plan)
            audit.Record(AuditActions.PlanChanged, viewer.Id, new AuditTarget(OrganizationId: id, TargetType: "organization", TargetId: id, Detail: $"{organization.Plan}->{request.Plan}"));
        organization.Plan = request.Plan!.Value;
        await db.SaveChangesAsync(cancellationToken);
        var row = await db.Organizations.AsNoTracking().Where(o => o.Id == id).Select(o => new OrganizationRow
        {
            Id = o.Id,
            Organization = o,
            People = db.OrganizationMembers.Count(m => m.OrganizationId == o.Id),
            Spheres = db.Spheres.Count(s => s.OrganizationId == o.Id),
        }).FirstAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(row));
    }

    private static AdminOrganizationResponse ToResponse(OrganizationRow r) =>
        new(r.Id, r.Organization.Name, r.Organization.ParentId, r.Organization.Plan, r.People, r.Spheres, r.Organization.CreatedAt);
}

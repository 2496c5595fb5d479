using Enclave.Server.Audit;
using Enclave.Server.Access;
using Enclave.Server.Accounts;
using Enclave.Server.Data;
using Enclave.Server.Memberships;
using Enclave.Server.Organizations;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Spheres;

/// <summary>A person as seen inside one sphere: their role and the sphere's overrides of bio and avatar.</summary>
public sealed record SphereMemberResponse(UserSummary User, SphereRole Role, string Bio, string? AvatarUrl);

public sealed record ChangeSphereRoleRequest(SphereRole? Role);

public static class SphereMemberEndpoints
{
    public static RouteGroupBuilder MapSphereMembers(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/spheres/{id:guid}/members").WithTags("Sphere members");
        group.MapGet("/", List);
        group.MapGet("/{userId:guid}", Get);
        group.MapPatch("/{userId:guid}", ChangeRole);
        group.MapDelete("/{userId:guid}", Remove);
        return group;
    }

    private sealed class Row
    {
        public Guid Key { get; init; }
        public required User User { get; init; }
        public SphereRole Role { get; init; }
        public SphereProfile? Profile { get; init; }
    }

    /// <summary>
    /// The directory: exactly the people <see cref="RoleOfAsync"/> gives a role. In a global sphere
    /// everyone inside the organization is a member, so the list walks the organization's people
    /// (insiders, and visitors holding an explicit row) rather than sphere rows. Elsewhere only
    /// rows that count are listed (see <see cref="AccessGate.CountedSphereRows"/>).
    /// </summary>
    /// <param name="q">A prefix of the user name, first name or last name (case-insensitive), for mention autocomplete and pickers.</param>
    internal static async Task<Ok<Page<SphereMemberResponse>>> List(Guid id, string? role, string? q, string? cursor, int? limit, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        var roleFilter = QueryEnum.Parse<SphereRole>("role", role);
        new Validation().OptionalText("q", q, 100).ThrowIfAny();
        var prefix = string.IsNullOrWhiteSpace(q) ? null : q.Trim().TrimStart('@').ToLowerInvariant();
        // In a restricted sphere the directory is hidden from members, but not who its staff are:
        // members write privately to them, so they may list the administrators and publishers.
        var staffOnly = roleFilter is SphereRole.Administrator or SphereRole.Publisher;
        var access = staffOnly ? await RequireStaffListAsync(gate, viewer, id, cancellationToken) : await RequireDirectoryAsync(gate, viewer, id, cancellationToken);
        IQueryable<Row> rows;
        if (access.Sphere.Type == SphereType.Global)
        {
            rows = from om in db.OrganizationMembers.AsNoTracking()
                   join u in db.Users.AsNoTracking() on om.UserId equals u.Id
                   where om.OrganizationId == access.Sphere.OrganizationId &&
                         (!access.Sphere.VerifiedOnly || u.IdentityVerifiedAt != null) &&
                         (om.Role == OrganizationRole.Manager || om.Role == OrganizationRole.Member ||
                          db.SphereMembers.Any(m => m.SphereId == id && m.UserId == u.Id))
                   select new Row
                   {
                       Key = om.Id,
                       User = u,
                       Role = db.SphereMembers.Where(m => m.SphereId == id && m.UserId == u.Id).Select(m => (SphereRole?)m.Role).FirstOrDefault() ?? SphereRole.Member,
                       Profile = db.SphereProfiles.FirstOrDefault(p => p.SphereId == id && p.UserId == u.Id),
                   };
        }
        else
        {
            rows = from m in gate.CountedSphereRows().AsNoTracking()
                   join u in db.Users.AsNoTracking() on m.UserId equals u.Id
                   where m.SphereId == id
                   select new Row { Key = m.Id, User = u, Role = m.Role, Profile = db.SphereProfiles.FirstOrDefault(p => p.SphereId == id && p.UserId == u.Id) };
        }
        if (roleFilter is { } r) rows = rows.Where(x => x.Role == r);
        rows = rows.Where(x => x.User.ClosedAt == null); // a closed account leaves the lists at once (Privacy/Closing)
        if (!string.IsNullOrEmpty(prefix))
            rows = rows.Where(x => x.User.NormalizedUserName.StartsWith(prefix) || x.User.FirstName.ToLower().StartsWith(prefix) || x.User.LastName.ToLower().StartsWith(prefix));
        return TypedResults.Ok(await rows.ToPageAsync(x => x.Key, cursor, limit, x => ToResponse(id, x.User, x.Role, x.Profile), cancellationToken));
    }

    internal static async Task<Ok<SphereMemberResponse>> Get(Guid id, Guid userId, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        var access = await gate.SphereAsync(viewer, id, cancellationToken);
        if (userId != viewer.Id) await RequireDirectoryAsync(gate, viewer, id, cancellationToken);
        var role = await RoleOfAsync(gate, access, userId, cancellationToken) ?? throw ProblemException.NotFound("member");
        var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == userId, cancellationToken);
        var profile = await db.SphereProfiles.AsNoTracking().FirstOrDefaultAsync(p => p.SphereId == id && p.UserId == userId, cancellationToken);
        return TypedResults.Ok(ToResponse(id, user, role, profile));
    }

    internal static async Task<Ok<SphereMemberResponse>> ChangeRole(Guid id, Guid userId, ChangeSphereRoleRequest request, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        new Validation().Require("role", request.Role).ThrowIfAny();
        var access = await SphereEndpoints.RequireAdministratorAsync(gate, viewer, id, cancellationToken);
        var newRole = request.Role!.Value;
        var orgRole = await gate.OrganizationRoleAsync(userId, access.Sphere.OrganizationId, cancellationToken);
        if (orgRole == OrganizationRole.Visitor && newRole != SphereRole.Visitor)
            throw ProblemException.Unprocessable("visitor_role_only", "An external visitor can only hold the visitor role.",
                new Dictionary<string, string[]> { ["role"] = ["must be visitor for an external visitor."] });
        await db.InTransactionAsync(async () =>
        {
            await db.LockSphereAsync(id, cancellationToken);
            if (await RoleOfAsync(gate, access, viewer.Id, cancellationToken) != SphereRole.Administrator)
                throw ProblemException.Forbidden("not_administrator", "Only the sphere's administrators can do this.");
            var current = await RoleOfAsync(gate, access, userId, cancellationToken) ?? throw ProblemException.NotFound("member");
            if (current == SphereRole.Administrator && newRole != SphereRole.Administrator &&
                !await db.SphereMembers.AnyAsync(m => m.SphereId == id && m.UserId != userId && m.Role == SphereRole.Administrator, cancellationToken))
                throw ProblemException.Conflict("last_administrator", "A sphere keeps at least one administrator; appoint another one first.");
            if (current != newRole)
                audit.Record(AuditActions.SphereRoleChanged, viewer.Id, new AuditTarget(userId, access.Sphere.OrganizationId, id, "user", userId,
                    $"{current}->{newRole}".ToLowerInvariant()));
            var row = await db.SphereMembers.FirstOrDefaultAsync(m => m.SphereId == id && m.UserId == userId, cancellationToken);
            var implicitMember = access.Sphere.Type == SphereType.Global && newRole == SphereRole.Member &&
                orgRole is OrganizationRole.Manager or OrganizationRole.Member;
            if (implicitMember)
            {
                // Back to a plain member of a global sphere: the implicit membership needs no row.
                if (row is not null) db.SphereMembers.Remove(row);
            }
            else if (row is null)
            {
                // An implicit member of a global sphere gets an explicit row to hold the new role.
                db.SphereMembers.Add(new SphereMember { Id = Ids.New(), OrganizationId = access.Sphere.OrganizationId, SphereId = id, UserId = userId, Role = newRole, JoinedAt = clock.GetUtcNow().UtcDateTime });
            }
            else
            {
                row.Role = newRole;
            }
        }, cancellationToken);
        var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == userId, cancellationToken);
        var profile = await db.SphereProfiles.AsNoTracking().FirstOrDefaultAsync(p => p.SphereId == id && p.UserId == userId, cancellationToken);
        return TypedResults.Ok(ToResponse(id, user, newRole, profile));
    }

    internal static async Task<NoContent> Remove(Guid id, Guid userId, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, MembershipService memberships, CancellationToken cancellationToken)
    {
        var access = userId == viewer.Id
            ? await gate.SphereAsync(viewer, id, cancellationToken)
            : await SphereEndpoints.RequireAdministratorAsync(gate, viewer, id, cancellationToken);
        if (access.Sphere.Type == SphereType.Global &&
            await gate.OrganizationRoleAsync(userId, access.Sphere.OrganizationId, cancellationToken) is OrganizationRole.Manager or OrganizationRole.Member)
            throw ProblemException.Conflict("global_sphere", "Everyone in the organization belongs to a global sphere; remove them from the organization instead.");
        audit.Record(userId == viewer.Id ? AuditActions.SphereLeft : AuditActions.SphereMemberRemoved, viewer.Id,
            new AuditTarget(userId, access.Sphere.OrganizationId, id, "user", userId));
        await db.InTransactionAsync(() => memberships.RemoveFromSphereAsync(id, userId, cancellationToken), cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The role a person holds in the sphere (explicit, or implicit in a global sphere), or null.</summary>
    /// <summary>The person's role in the sphere by the gate's rule (explicit rows that count, implicit global membership, verified-only suspension).</summary>
    public static async Task<SphereRole?> RoleOfAsync(AccessGate gate, SphereAccess access, Guid userId, CancellationToken cancellationToken) =>
        (await gate.MembersAmongAsync(access, [userId], cancellationToken)).TryGetValue(userId, out var role) ? role : null;

    internal static async Task<SphereAccess> RequireDirectoryAsync(AccessGate gate, Viewer viewer, Guid id, CancellationToken cancellationToken)
    {
        var access = await gate.SphereAsync(viewer, id, cancellationToken);
        if (!access.IsMember) throw ProblemException.NotFound("sphere");
        if (access.CharterPending) throw CharterPending();
        if (!access.CanListMembers) throw ProblemException.Forbidden("directory_hidden", "The member directory of this sphere is not shown to you.");
        return access;
    }

    private static async Task<SphereAccess> RequireStaffListAsync(AccessGate gate, Viewer viewer, Guid id, CancellationToken cancellationToken)
    {
        var access = await gate.SphereAsync(viewer, id, cancellationToken);
        if (access.Sphere.Type == SphereType.Restricted && access.IsMember && !access.CharterPending && access.Role != SphereRole.Visitor) return access;
        return await RequireDirectoryAsync(gate, viewer, id, cancellationToken);
    }

    /// <summary>A member who has not accepted the current charter learns why the content is closed to them.</summary>
    public static ProblemException CharterPending() =>
        ProblemException.Forbidden("charter_pending", "Accept the current charter of this sphere (and of its organization) to see its content.");

    private static SphereMemberResponse ToResponse(Guid sphereId, User user, SphereRole role, SphereProfile? profile) =>
        new(UserSummary.From(user), role, profile?.Bio ?? user.Bio,
            profile?.AvatarKey is { } key ? $"/api/v1/spheres/{sphereId}/members/{user.Id}/avatar?v={key[^8..]}" : MeView.AvatarLink(user.Id, user.AvatarKey));
}

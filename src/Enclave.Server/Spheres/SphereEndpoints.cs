using Enclave.Server.Audit;
using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Memberships;
using Enclave.Server.Organizations;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Spheres;

public static class SphereEndpoints
{
    public static RouteGroupBuilder MapSpheres(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/spheres").WithTags("Spheres");
        group.MapPost("/", Create);
        group.MapGet("/", ListMine);
        group.MapGet("/{id:guid}", Get);
        group.MapPatch("/{id:guid}", Update);
        group.MapDelete("/{id:guid}", Delete);
        group.MapPost("/{id:guid}/enter", Enter);
        group.MapPost("/{id:guid}/leave", Leave);
        api.MapGet("/organizations/{id:guid}/spheres", Portal).WithTags("Spheres");
        return group;
    }

    internal static async Task<Created<SphereResponse>> Create(CreateSphereRequest request, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var userId = viewer.Id;
        new Validation().Text("name", request.Name, 2, 100).OptionalText("description", request.Description, 2000).ThrowIfAny();
        var organizationId = request.OrganizationId ?? await db.Users.Where(u => u.Id == userId).Select(u => u.PersonalOrganizationId).FirstAsync(cancellationToken);
        var organization = await gate.OrganizationAsync(viewer, organizationId, cancellationToken);
        if (organization.Role is null) throw ProblemException.NotFound("organization");
        if (!organization.CanCreateSpheres)
            throw ProblemException.Forbidden("cannot_create_spheres", "Only this organization's managers can create spheres.");
        var type = request.Type ?? SphereType.Classic;
        CheckType(organization.Organization, organization.IsManager, type);
        if (request.VerifiedOnly == true) await Verification.IdentityVerificationRules.RequireVerifiedAsync(db, userId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var sphere = new Sphere
        {
            Id = Ids.New(), OrganizationId = organizationId, Name = request.Name!.Trim(), Description = request.Description?.Trim() ?? "",
            Type = type, ListedInPortal = request.ListedInPortal ?? false, MembersCanInvite = request.MembersCanInvite ?? false,
            VerifiedOnly = request.VerifiedOnly ?? false, CreatedById = userId, CreatedAt = now,
        };
        db.Spheres.Add(sphere);
        db.SphereMembers.Add(new SphereMember { Id = Ids.New(), OrganizationId = organizationId, SphereId = sphere.Id, UserId = userId, Role = SphereRole.Administrator, JoinedAt = now });
        audit.Record(AuditActions.SphereCreated, userId, new AuditTarget(OrganizationId: organizationId, SphereId: sphere.Id, TargetType: "sphere", TargetId: sphere.Id, Detail: type.ToString().ToLowerInvariant()));
        await db.SaveChangesAsync(cancellationToken);
        var access = await gate.SphereAsync(viewer, sphere.Id, cancellationToken);
        return TypedResults.Created($"/api/v1/spheres/{sphere.Id}", SphereResponse.From(access));
    }

    /// <summary>Global spheres enrol the whole organization, so only its managers choose that type; personal organizations have no members to open to.</summary>
    private static void CheckType(Organization organization, bool isManager, SphereType type)
    {
        if (organization.IsPersonal && type is SphereType.Open or SphereType.Global or SphereType.Visitor)
            throw ProblemException.Unprocessable("type_not_allowed", "A personal sphere can be classic, public, restricted or forum.",
                new Dictionary<string, string[]> { ["type"] = ["is not available for personal spheres."] });
        if (type == SphereType.Global && !isManager)
            throw ProblemException.Unprocessable("type_not_allowed", "Only the organization's managers can make a sphere global.",
                new Dictionary<string, string[]> { ["type"] = ["global requires an organization manager."] });
    }

    internal static async Task<Ok<Page<SphereSummary>>> ListMine(Guid? organizationId, string? cursor, int? limit, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        var userId = viewer.Id;
        var spheres = gate.MemberSpheres(userId).AsNoTracking();
        if (organizationId is { } org) spheres = spheres.Where(s => s.OrganizationId == org);
        return TypedResults.Ok(await WithRoles(spheres, userId, gate).ToPageAsync(x => x.Id, cursor, limit, ToSummary, cancellationToken));
    }

    /// <summary>The organization's internal portal: the spheres its people may see, with their own role in each.</summary>
    internal static async Task<Ok<Page<SphereSummary>>> Portal(Guid id, string? cursor, int? limit, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        var organization = await gate.OrganizationAsync(viewer, id, cancellationToken);
        var spheres = gate.VisibleSpheres(viewer).Where(s => s.OrganizationId == id);
        if (organization.View is OrganizationView.Portal or OrganizationView.Federation)
            spheres = spheres.Where(s => s.Type == SphereType.Public);
        return TypedResults.Ok(await WithRoles(spheres.AsNoTracking(), viewer.UserId, gate).ToPageAsync(x => x.Id, cursor, limit, ToSummary, cancellationToken));
    }

    private sealed class SphereWithRole
    {
        public Guid Id { get; init; }
        public required Sphere Sphere { get; init; }
        public SphereRole? ExplicitRole { get; init; }
        public bool Insider { get; init; }
    }

    /// <summary>Each sphere with the viewer's role in it; a leftover row of someone no longer in the organization counts for nothing (the gate's rule).</summary>
    private static IQueryable<SphereWithRole> WithRoles(IQueryable<Sphere> spheres, Guid? userId, AccessGate gate)
    {
        var rows = gate.CountedSphereRows();
        var organizationMembers = gate.OrganizationMemberships();
        var verified = gate.VerifiedUserIds();
        return spheres.Select(s => new SphereWithRole
        {
            Id = s.Id,
            Sphere = s,
            ExplicitRole = rows.Where(m => m.SphereId == s.Id && m.UserId == userId).Select(m => (SphereRole?)m.Role).FirstOrDefault(),
            // (Implicit membership of a global sphere; suspended, like any, in a sphere for verified members only.)
            Insider = organizationMembers.Any(om => om.OrganizationId == s.OrganizationId && om.UserId == userId &&
                (om.Role == OrganizationRole.Manager || om.Role == OrganizationRole.Member)) &&
                (!s.VerifiedOnly || verified.Any(v => v == userId)),
        });
    }

    private static SphereSummary ToSummary(SphereWithRole x) =>
        new(x.Id, x.Sphere.OrganizationId, x.Sphere.Name, x.Sphere.Description, x.Sphere.Type, x.Sphere.ListedInPortal,
            x.ExplicitRole ?? (x.Sphere.Type == SphereType.Global && x.Insider ? SphereRole.Member : null));

    internal static async Task<Ok<SphereResponse>> Get(Guid id, Viewer viewer, AccessGate gate, CancellationToken cancellationToken) =>
        TypedResults.Ok(SphereResponse.From(await gate.SphereAsync(viewer, id, cancellationToken)));

    internal static async Task<Ok<SphereResponse>> Update(Guid id, UpdateSphereRequest request, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, CancellationToken cancellationToken)
    {
        var access = await RequireAdministratorAsync(gate, viewer, id, cancellationToken);
        var v = new Validation().OptionalText("description", request.Description, 2000);
        if (request.Name is not null) v.Text("name", request.Name, 2, 100);
        v.ThrowIfAny();
        if (request.Type is { } type && type != access.Sphere.Type)
            // From the sphere access, not the organization's gate: an administrator invited into someone's
            // personal sphere does not see that personal organization, yet may change the sphere's type.
            CheckType(access.Organization, access.OrganizationRole == OrganizationRole.Manager, type);
        if (request.VerifiedOnly == true && !access.Sphere.VerifiedOnly)
            await Verification.IdentityVerificationRules.RequireVerifiedAsync(db, viewer.Id, cancellationToken);
        var sphere = await db.Spheres.FirstAsync(s => s.Id == id, cancellationToken);
        if (request.VerifiedOnly is { } verifiedOnly) sphere.VerifiedOnly = verifiedOnly;
        if (request.Name is not null) sphere.Name = request.Name.Trim();
        if (request.Description is not null) sphere.Description = request.Description.Trim();
        if (request.Type is { } newType) sphere.Type = newType;
        if (request.ListedInPortal is { } listed) sphere.ListedInPortal = listed;
        if (request.MembersCanInvite is { } invite) sphere.MembersCanInvite = invite;
        // The names of the settings that changed (and the new type), never the texts: a name or description may name people.
        var changed = db.Entry(sphere).Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name == nameof(Sphere.Type) ? $"Type:{sphere.Type}" : p.Metadata.Name).ToList();
        if (changed.Count > 0)
            audit.Record(AuditActions.SphereSettingsChanged, viewer.Id, new AuditTarget(OrganizationId: sphere.OrganizationId, SphereId: id, TargetType: "sphere", TargetId: id, Detail: string.Join(',', changed)));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(SphereResponse.From(await gate.SphereAsync(viewer, id, cancellationToken)));
    }

    internal static async Task<NoContent> Delete(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, CancellationToken cancellationToken)
    {
        var access = await RequireAdministratorAsync(gate, viewer, id, cancellationToken);
        await db.InTransactionAsync(async () =>
        {
            await db.CharterAcceptances.Where(c => c.SphereId == id).ExecuteDeleteAsync(cancellationToken);
            await db.Invitations.Where(i => i.SphereId == id).ExecuteDeleteAsync(cancellationToken);
            await db.JoinRequests.Where(r => r.SphereId == id).ExecuteDeleteAsync(cancellationToken);
            await db.Spheres.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken);
            audit.Record(AuditActions.SphereDeleted, viewer.Id, new AuditTarget(OrganizationId: access.Sphere.OrganizationId, SphereId: id, TargetType: "sphere", TargetId: id));
        }, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<SphereResponse>> Enter(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, MembershipService memberships, CancellationToken cancellationToken)
    {
        _ = viewer.Id; // signed-in only: an anonymous reader of a public sphere gets 401, not a misleading 403/404
        var access = await gate.SphereAsync(viewer, id, cancellationToken);
        if (access.IsMember) throw ProblemException.Conflict("already_member", "You are already a member of this sphere.");
        if (access.VerificationPending)
            throw ProblemException.Forbidden("identity_verification_required",
                "Only people whose identity is verified may join this sphere; an organization manager can verify it.");
        if (!access.CanEnter) throw ProblemException.Forbidden("cannot_enter", "This sphere is not open to you; ask to join instead.");
        await memberships.AddToSphereAsync(access.Sphere, viewer.Id, SphereRole.Member, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(SphereResponse.From(await gate.SphereAsync(viewer, id, cancellationToken)));
    }

    internal static async Task<NoContent> Leave(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, MembershipService memberships, CancellationToken cancellationToken)
    {
        _ = viewer.Id; // signed-in only: an anonymous reader of a public sphere gets 401, not a misleading 403/404
        var access = await gate.SphereAsync(viewer, id, cancellationToken);
        // Insiders stay in a global sphere as long as they stay in the organization, whatever role row they hold.
        if (access.ImplicitMember || (access.Sphere.Type == SphereType.Global && access.IsMember &&
            access.OrganizationRole is OrganizationRole.Manager or OrganizationRole.Member))
            throw ProblemException.Conflict("global_sphere", "Everyone in the organization belongs to a global sphere; leave the organization instead.");
        if (!access.IsMember) throw ProblemException.NotFound("member");
        audit.Record(AuditActions.SphereLeft, viewer.Id, new AuditTarget(viewer.Id, access.Sphere.OrganizationId, id, "user", viewer.Id));
        await db.InTransactionAsync(() => memberships.RemoveFromSphereAsync(id, viewer.Id, cancellationToken), cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<SphereAccess> RequireAdministratorAsync(AccessGate gate, Viewer viewer, Guid id, CancellationToken cancellationToken)
    {
        _ = viewer.Id;
        var access = await gate.SphereAsync(viewer, id, cancellationToken);
        if (!access.CanAdminister) throw ProblemException.Forbidden("not_administrator", "Only the sphere's administrators can do this.");
        return access;
    }
}

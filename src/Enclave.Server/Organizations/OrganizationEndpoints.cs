using Enclave.Server.Audit;
using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Organizations;

public static class OrganizationEndpoints
{
    public static RouteGroupBuilder MapOrganizations(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/organizations").WithTags("Organizations");
        group.MapPost("/", Create);
        group.MapGet("/", ListMine);
        group.MapGet("/{id:guid}", Get);
        group.MapPatch("/{id:guid}", Update);
        group.MapDelete("/{id:guid}", Delete);
        return group;
    }

    internal static async Task<Created<OrganizationResponse>> Create(CreateOrganizationRequest request, Viewer viewer, EnclaveDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var userId = viewer.Id;
        new Validation().Text("name", request.Name, 2, 100).OptionalText("description", request.Description, 2000).ThrowIfAny();
        var now = clock.GetUtcNow().UtcDateTime;
        var id = Ids.New();
        var organization = new Organization
        {
            Id = id, RootId = id, Name = request.Name!.Trim(), Description = request.Description?.Trim() ?? "",
            ExternalPortal = request.ExternalPortal ?? false, MembersCanCreateSpheres = request.MembersCanCreateSpheres ?? true, CreatedAt = now,
        };
        db.Organizations.Add(organization);
        db.OrganizationMembers.Add(new OrganizationMember { Id = Ids.New(), OrganizationId = id, UserId = userId, Role = OrganizationRole.Manager, JoinedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        var access = new OrganizationAccess(organization, OrganizationRole.Manager, OrganizationView.Member, false);
        return TypedResults.Created($"/api/v1/organizations/{id}", OrganizationResponse.From(access));
    }

    /// <summary>The organizations the viewer belongs to (as manager, member or visitor); personal organizations are not listed.</summary>
    internal static async Task<Ok<Page<OrganizationResponse>>> ListMine(Viewer viewer, string? cursor, int? limit, EnclaveDb db, CancellationToken cancellationToken)
    {
        var userId = viewer.Id;
        var query = from m in db.OrganizationMembers.AsNoTracking()
                    join o in db.Organizations.AsNoTracking() on m.OrganizationId equals o.Id
                    where m.UserId == userId && !o.IsPersonal
                    select new { o.Id, Organization = o, m.Role };
        var page = await query.ToPageAsync(x => x.Id, cursor, limit, x => x, cancellationToken);
        var ids = page.Items.Select(x => x.Id).ToList();
        var accepted = await db.CharterAcceptances.AsNoTracking()
            .Where(c => c.UserId == userId && c.SphereId == null && ids.Contains(c.OrganizationId))
            .Select(c => new { c.OrganizationId, c.Version }).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<OrganizationResponse>(page.Items.Select(x => OrganizationResponse.From(new OrganizationAccess(
            x.Organization, x.Role, x.Role == OrganizationRole.Visitor ? OrganizationView.Visitor : OrganizationView.Member,
            x.Organization.Charter is not null && !accepted.Any(a => a.OrganizationId == x.Id && a.Version == x.Organization.CharterVersion)))).ToList(),
            page.NextCursor));
    }

    internal static async Task<Ok<OrganizationResponse>> Get(Guid id, Viewer viewer, AccessGate gate, CancellationToken cancellationToken) =>
        TypedResults.Ok(OrganizationResponse.From(await gate.OrganizationAsync(viewer, id, cancellationToken)));

    internal static async Task<Ok<OrganizationResponse>> Update(Guid id, UpdateOrganizationRequest request, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, CancellationToken cancellationToken)
    {
        var access = await RequireManagerAsync(gate, viewer, id, cancellationToken);
        var v = new Validation().OptionalText("description", request.Description, 2000);
        if (request.Name is not null) v.Text("name", request.Name, 2, 100);
        if (request.Plan is not null && !viewer.IsPlatformAdmin) v.Add("plan", "can only be changed by a platform administrator.");
        if (access.Organization.IsPersonal && (request.HiddenInTree is not null || request.ExternalPortal is not null))
            v.Add("organization", "a personal organization has no portal or federation.");
        v.ThrowIfAny();
        var organization = await db.Organizations.FirstAsync(o => o.Id == id, cancellationToken);
        if (request.Name is not null) organization.Name = request.Name.Trim();
        if (request.Description is not null) organization.Description = request.Description.Trim();
        if (request.ExternalPortal is { } portal) organization.ExternalPortal = portal;
        if (request.MembersCanCreateSpheres is { } create) organization.MembersCanCreateSpheres = create;
        if (request.HiddenInTree is { } hidden) organization.HiddenInTree = hidden;
        if (request.Plan is { } plan && plan != organization.Plan)
            audit.Record(AuditActions.PlanChanged, viewer.Id, new AuditTarget(OrganizationId: id, TargetType: "organization", TargetId: id, Detail: $"{organization.Plan}->{plan}"));
        if (request.Plan is { } newPlan) organization.Plan = newPlan;
        // The names of the settings that changed, never their values (a name or description may name people).
        var changed = db.Entry(organization).Properties.Where(p => p.IsModified && p.Metadata.Name != nameof(Organization.Plan)).Select(p => p.Metadata.Name).ToList();
        if (changed.Count > 0)
            audit.Record(AuditActions.OrganizationSettingsChanged, viewer.Id, new AuditTarget(OrganizationId: id, TargetType: "organization", TargetId: id, Detail: string.Join(',', changed)));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(OrganizationResponse.From(access with { Organization = organization }));
    }

    /// <summary>
    /// Deletes an organization. Without <c>confirm=true</c> only an empty one (no spheres, no other
    /// people) can go; an organization with daughters must detach them first.
    /// </summary>
    internal static async Task<NoContent> Delete(Guid id, bool? confirm, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, CancellationToken cancellationToken)
    {
        var access = await RequireManagerAsync(gate, viewer, id, cancellationToken);
        if (access.Organization.IsPersonal)
            throw ProblemException.Conflict("personal_organization", "A personal organization goes away with its account.");
        if (await db.Organizations.AnyAsync(o => o.ParentId == id, cancellationToken))
            throw ProblemException.Conflict("has_daughters", "Detach the daughter organizations first.");
        var userId = viewer.Id;
        var empty = !await db.Spheres.AnyAsync(s => s.OrganizationId == id, cancellationToken) &&
            !await db.OrganizationMembers.AnyAsync(m => m.OrganizationId == id && m.UserId != userId, cancellationToken);
        if (!empty && confirm != true)
            throw ProblemException.Conflict("not_empty", "The organization still has spheres or people; repeat with confirm=true to delete everything.");
        await db.InTransactionAsync(async () =>
        {
            await db.CharterAcceptances.Where(c => c.OrganizationId == id).ExecuteDeleteAsync(cancellationToken);
            await db.Organizations.Where(o => o.Id == id).ExecuteDeleteAsync(cancellationToken);
            // The trail outlives the organization (platform administrators still read it).
            audit.Record(AuditActions.OrganizationDeleted, userId, new AuditTarget(OrganizationId: id, TargetType: "organization", TargetId: id));
        }, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<OrganizationAccess> RequireManagerAsync(AccessGate gate, Viewer viewer, Guid id, CancellationToken cancellationToken)
    {
        _ = viewer.Id;
        var access = await gate.OrganizationAsync(viewer, id, cancellationToken);
        if (!access.IsManager) throw ProblemException.Forbidden("not_manager", "Only the organization's managers can do this.");
        return access;
    }
}

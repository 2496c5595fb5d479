using Enclave.Server.Audit;
using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Organizations;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Memberships;

/// <summary>
/// Organization and sphere charters. While a charter is set, members must accept its current
/// version before the gate shows them any content; every change raises the version, so everyone
/// accepts again.
/// </summary>
public static class CharterEndpoints
{
    public static void MapCharters(this RouteGroupBuilder api)
    {
        var organizations = api.MapGroup("/organizations/{id:guid}/charter").WithTags("Charters");
        organizations.MapGet("/", GetOrganizationCharter);
        organizations.MapPut("/", SetOrganizationCharter);
        organizations.MapDelete("/", (Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, CancellationToken ct) =>
            SetOrganizationCharter(id, new CharterRequest(null), viewer, gate, db, audit, ct));
        organizations.MapPost("/accept", AcceptOrganizationCharter);

        var spheres = api.MapGroup("/spheres/{id:guid}/charter").WithTags("Charters");
        spheres.MapGet("/", GetSphereCharter);
        spheres.MapPut("/", SetSphereCharter);
        spheres.MapDelete("/", (Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, CancellationToken ct) =>
            SetSphereCharter(id, new CharterRequest(null), viewer, gate, db, audit, ct));
        spheres.MapPost("/accept", AcceptSphereCharter);
    }

    internal static async Task<Ok<CharterResponse>> GetOrganizationCharter(Guid id, Viewer viewer, AccessGate gate, CancellationToken cancellationToken)
    {
        var access = await gate.OrganizationAsync(viewer, id, cancellationToken);
        var o = access.Organization;
        return TypedResults.Ok(new CharterResponse(o.Charter, o.CharterVersion, o.Charter is null || (access.Role is not null && !access.CharterPending)));
    }

    internal static async Task<Ok<CharterResponse>> SetOrganizationCharter(Guid id, CharterRequest request, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, CancellationToken cancellationToken)
    {
        new Validation().OptionalText("text", request.Text, 20000).ThrowIfAny();
        await OrganizationEndpoints.RequireManagerAsync(gate, viewer, id, cancellationToken);
        var organization = await db.Organizations.FirstAsync(o => o.Id == id, cancellationToken);
        organization.Charter = string.IsNullOrWhiteSpace(request.Text) ? null : request.Text.Trim();
        organization.CharterVersion++;
        audit.Record(AuditActions.CharterChanged, viewer.Id, new AuditTarget(OrganizationId: id, TargetType: "organization", TargetId: id,
            Detail: organization.Charter is null ? "removed" : $"set:v{organization.CharterVersion}"));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new CharterResponse(organization.Charter, organization.CharterVersion, organization.Charter is null));
    }

    internal static async Task<Ok<CharterResponse>> AcceptOrganizationCharter(Guid id, AcceptCharterRequest request, Viewer viewer, AccessGate gate, EnclaveDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var access = await gate.OrganizationAsync(viewer, id, cancellationToken);
        if (access.Role is null) throw ProblemException.Forbidden("not_member", "Only the organization's people accept its charter.");
        await AcceptAsync(db, clock, viewer.Id, id, null, access.Organization.Charter, access.Organization.CharterVersion, request, cancellationToken);
        return TypedResults.Ok(new CharterResponse(access.Organization.Charter, access.Organization.CharterVersion, true));
    }

    internal static async Task<Ok<CharterResponse>> GetSphereCharter(Guid id, Viewer viewer, AccessGate gate, CancellationToken cancellationToken)
    {
        var access = await gate.SphereAsync(viewer, id, cancellationToken);
        var s = access.Sphere;
        return TypedResults.Ok(new CharterResponse(s.Charter, s.CharterVersion, s.Charter is null || (access.IsMember && !access.SphereCharterPending)));
    }

    internal static async Task<Ok<CharterResponse>> SetSphereCharter(Guid id, CharterRequest request, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, CancellationToken cancellationToken)
    {
        new Validation().OptionalText("text", request.Text, 20000).ThrowIfAny();
        var access = await gate.SphereAsync(viewer, id, cancellationToken);
        if (!access.CanAdminister) throw ProblemException.Forbidden("not_administrator", "Only the sphere's administrators can do this.");
        var sphere = await db.Spheres.FirstAsync(s => s.Id == id, cancellationToken);
        sphere.Charter = string.IsNullOrWhiteSpace(request.Text) ? null : request.Text.Trim();
        sphere.CharterVersion++;
        audit.Record(AuditActions.CharterChanged, viewer.Id, new AuditTarget(OrganizationId: sphere.OrganizationId, SphereId: id, TargetType: "sphere", TargetId: id,
            Detail: sphere.Charter is null ? "removed" : $"set:v{sphere.CharterVersion}"));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new CharterResponse(sphere.Charter, sphere.CharterVersion, sphere.Charter is null));
    }

    internal static async Task<Ok<CharterResponse>> AcceptSphereCharter(Guid id, AcceptCharterRequest request, Viewer viewer, AccessGate gate, EnclaveDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var access = await gate.SphereAsync(viewer, id, cancellationToken);
        if (!access.IsMember) throw ProblemException.Forbidden("not_member", "Only the sphere's members accept its charter.");
        var s = access.Sphere;
        await AcceptAsync(db, clock, viewer.Id, s.OrganizationId, id, s.Charter, s.CharterVersion, request, cancellationToken);
        return TypedResults.Ok(new CharterResponse(s.Charter, s.CharterVersion, true));
    }

    /// <summary>Records acceptance of the version the person read; a charter changed meanwhile answers 409.</summary>
    private static async Task AcceptAsync(EnclaveDb db, TimeProvider clock, Guid userId, Guid organizationId, Guid? sphereId,
        string? charter, int currentVersion, AcceptCharterRequest request, CancellationToken cancellationToken)
    {
        new Validation().Require("version", request.Version).ThrowIfAny();
        if (charter is null) throw ProblemException.Conflict("no_charter", "There is no charter to accept.");
        if (request.Version != currentVersion)
            throw ProblemException.Conflict("charter_changed", "The charter has changed since you read it; read the current version.");
        var exists = await db.CharterAcceptances.AnyAsync(c => c.UserId == userId && c.OrganizationId == organizationId &&
            c.SphereId == sphereId && c.Version == currentVersion, cancellationToken);
        if (exists) return;
        db.CharterAcceptances.Add(new CharterAcceptance
        {
            Id = Ids.New(), OrganizationId = organizationId, SphereId = sphereId, UserId = userId, Version = currentVersion,
            AcceptedAt = clock.GetUtcNow().UtcDateTime,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A simultaneous acceptance of the same version won the unique index: the outcome is the same.
            db.ChangeTracker.Clear();
            if (!await db.CharterAcceptances.AnyAsync(c => c.UserId == userId && c.OrganizationId == organizationId &&
                    c.SphereId == sphereId && c.Version == currentVersion, cancellationToken))
                throw;
        }
    }
}

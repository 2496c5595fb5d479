using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Organizations;
using Enclave.Server.Spheres;
using Enclave.Server.Web;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Memberships;

/// <summary>
/// What an invitation or a join request is about: an organization, or a sphere inside one.
/// Resolved through the gate, so both flows share one notion of "staff" (organization managers,
/// sphere administrators).
/// </summary>
public sealed record MembershipTarget(OrganizationAccess? Organization, SphereAccess? Sphere)
{
    public Guid OrganizationId => Sphere?.Sphere.OrganizationId ?? Organization!.Organization.Id;
    public Guid? SphereId => Sphere?.Sphere.Id;
    public bool IsStaff => Sphere?.CanAdminister ?? Organization!.IsManager;
    public string Name => Sphere?.Sphere.Name ?? Organization!.Organization.Name;

    public static async Task<MembershipTarget> OrganizationAsync(AccessGate gate, Viewer viewer, Guid id, CancellationToken cancellationToken)
    {
        _ = viewer.Id;
        return new MembershipTarget(await gate.OrganizationAsync(viewer, id, cancellationToken), null);
    }

    public static async Task<MembershipTarget> SphereAsync(AccessGate gate, Viewer viewer, Guid id, CancellationToken cancellationToken)
    {
        _ = viewer.Id;
        return new MembershipTarget(null, await gate.SphereAsync(viewer, id, cancellationToken));
    }

    /// <summary>
    /// Serializes check-then-insert writes about this target (no duplicate pending invitation or
    /// join request): called first inside a transaction, a no-op update holds the sphere's or the
    /// organization's row lock (PostgreSQL) or the write lock (SQLite) until commit.
    /// </summary>
    public Task LockAsync(EnclaveDb db, CancellationToken cancellationToken) =>
        SphereId is { } sphereId
            ? db.LockSphereAsync(sphereId, cancellationToken)
            : db.Organizations.Where(o => o.Id == OrganizationId).ExecuteUpdateAsync(s => s.SetProperty(o => o.CharterVersion, o => o.CharterVersion), cancellationToken);

    public MembershipTarget RequireStaff()
    {
        if (!IsStaff)
        {
            throw Sphere is null
                ? ProblemException.Forbidden("not_manager", "Only the organization's managers can do this.")
                : ProblemException.Forbidden("not_administrator", "Only the sphere's administrators can do this.");
        }
        return this;
    }
}

public static class MembershipRoutes
{
    /// <summary>Maps the same handlers under <c>/organizations/{id}</c> and <c>/spheres/{id}</c>.</summary>
    public static void MapForBoth(this RouteGroupBuilder api, string suffix, string tag, Action<RouteGroupBuilder, Func<AccessGate, Viewer, Guid, CancellationToken, Task<MembershipTarget>>> map)
    {
        map(api.MapGroup($"/organizations/{{id:guid}}/{suffix}").WithTags(tag), MembershipTarget.OrganizationAsync);
        map(api.MapGroup($"/spheres/{{id:guid}}/{suffix}").WithTags(tag), MembershipTarget.SphereAsync);
    }
}

using Enclave.Server.Accounts;
using Enclave.Server.Data;
using Enclave.Server.Organizations;
using Enclave.Server.Spheres;

namespace Enclave.Server.Search;

/// <summary>
/// The people a viewer may see, as one query: the same rule as <c>AccessGate.CanSeeUserAsync</c>
/// (themselves; someone inside a shared organization, both managers or members; someone sharing a
/// sphere whose directory the viewer may see). Tests check both agree on every pair of a world.
/// </summary>
public static class VisiblePeople
{
    public static IQueryable<User> Of(EnclaveDb db, Guid me)
    {
        var insider = new[] { OrganizationRole.Manager, OrganizationRole.Member };
        var staff = new[] { SphereRole.Administrator, SphereRole.Publisher };
        return db.Users.Where(u => u.Id == me ||
            db.OrganizationMembers.Any(a => a.UserId == me && insider.Contains(a.Role) &&
                db.OrganizationMembers.Any(b => b.OrganizationId == a.OrganizationId && b.UserId == u.Id && insider.Contains(b.Role)) &&
                db.Organizations.Any(o => o.Id == a.OrganizationId && !o.IsPersonal)) ||
            db.SphereMembers.Any(a => a.UserId == me && a.Role != SphereRole.Visitor &&
                db.SphereMembers.Any(b => b.SphereId == a.SphereId && b.UserId == u.Id &&
                    (staff.Contains(a.Role) || staff.Contains(b.Role) ||
                     db.Spheres.Any(s => s.Id == a.SphereId && s.Type != SphereType.Restricted)))) ||
            db.SphereMembers.Any(a => a.UserId == me && a.Role == SphereRole.Visitor &&
                db.SphereMembers.Any(b => b.SphereId == a.SphereId && b.UserId == u.Id && staff.Contains(b.Role))));
    }
}

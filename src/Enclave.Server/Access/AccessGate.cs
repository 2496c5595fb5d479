using Enclave.Server.Data;
using Enclave.Server.Organizations;
using Enclave.Server.Spheres;
using Enclave.Server.Web;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Access;

/// <summary>
/// The one place that decides what a viewer may see and do in organizations and spheres. Every
/// endpoint (and later every page, live event, search, notification, email, export and file
/// download) asks here. Anything not visible answers 404, so existence does not leak. Platform
/// administrators get no reading rights from their role: sphere content is for sphere members.
/// </summary>
public sealed partial class AccessGate(EnclaveDb db, ReadableSphereCache readableSpheres)
{
    /// <summary>The viewer's rights in a sphere, or 404 when the sphere is not visible to them.</summary>
    /// <remarks>
    /// One statement reads the sphere, its organization and everything about the viewer that the
    /// rules below need: every sphere-scoped request (feeds, posts, comments, reactions, tools) starts
    /// here, and the five statements this took were five of a sphere page's twelve
    /// (docs/PERFORMANCE.md). The rules themselves are applied here, in C#, on the facts read.
    /// </remarks>
    public async Task<SphereAccess> SphereAsync(Viewer viewer, Guid sphereId, CancellationToken cancellationToken)
    {
        var facts = await SphereFactsAsync(viewer.UserId, sphereId, cancellationToken) ?? throw ProblemException.NotFound("sphere");
        var (sphere, organization) = (facts.Sphere, facts.Organization);
        OrganizationRole? orgRole = null;
        SphereRole? role = null;
        var implicitMember = false;
        var sphereCharterPending = false;
        var orgCharterPending = false;
        var verificationPending = false;
        if (viewer.UserId is { } userId)
        {
            orgRole = facts.OrganizationRole;
            // Defence in depth: a sphere row counts only alongside a membership of its organization.
            if (facts.SphereRow is { } row && (orgRole is not null || organization.IsPersonal)) role = row;
            if (role is null && sphere.Type == SphereType.Global && orgRole is OrganizationRole.Manager or OrganizationRole.Member)
            {
                role = SphereRole.Member;
                implicitMember = true;
            }
            // A sphere restricted to verified members: an unverified person's membership is suspended
            // (it grants nothing) until their identity is verified, and they cannot enter or ask to join.
            if (sphere.VerifiedOnly && !facts.Verified)
            {
                role = null;
                implicitMember = false;
                verificationPending = true;
            }
            if (role is not null || orgRole is not null)
            {
                sphereCharterPending = sphere.Charter is not null && !facts.SphereCharterAccepted;
                orgCharterPending = organization.Charter is not null && orgRole is not null && !facts.OrganizationCharterAccepted;
                EnsureTwoFactor(organization, facts.TwoFactorEnabled);
            }
        }
        var visible = role is not null || sphere.Type == SphereType.Public ||
            (orgRole is OrganizationRole.Manager or OrganizationRole.Member &&
             (sphere.Type is SphereType.Open or SphereType.Global || sphere.ListedInPortal));
        if (!visible) throw ProblemException.NotFound("sphere");
        return new SphereAccess(sphere, organization, orgRole, role, implicitMember, sphereCharterPending, orgCharterPending, verificationPending);
    }

    /// <summary>What <see cref="SphereAsync"/> decides on, read in one statement; null when the sphere does not exist.</summary>
    private sealed record SphereFacts(Sphere Sphere, Organization Organization, OrganizationRole? OrganizationRole, SphereRole? SphereRow,
        bool Verified, bool SphereCharterAccepted, bool OrganizationCharterAccepted, bool TwoFactorEnabled);

    private Task<SphereFacts?> SphereFactsAsync(Guid? userId, Guid sphereId, CancellationToken cancellationToken)
    {
        var pairs = from s in db.Spheres.AsNoTracking()
                    join o in db.Organizations.AsNoTracking() on s.OrganizationId equals o.Id
                    where s.Id == sphereId
                    select new { s, o };
        if (userId is not { } id)
            return pairs.Select(x => new SphereFacts(x.s, x.o, null, null, false, false, false, false)).FirstOrDefaultAsync(cancellationToken);
        return pairs.Select(x => new SphereFacts(x.s, x.o,
            db.OrganizationMembers.Where(m => m.OrganizationId == x.o.Id && m.UserId == id).Select(m => (OrganizationRole?)m.Role).FirstOrDefault(),
            db.SphereMembers.Where(m => m.SphereId == x.s.Id && m.UserId == id).Select(m => (SphereRole?)m.Role).FirstOrDefault(),
            x.s.VerifiedOnly && db.Users.Any(u => u.Id == id && u.IdentityVerifiedAt != null),
            x.s.Charter != null && db.CharterAcceptances.Any(c => c.UserId == id && c.OrganizationId == x.o.Id && c.SphereId == x.s.Id && c.Version == x.s.CharterVersion),
            x.o.Charter != null && db.CharterAcceptances.Any(c => c.UserId == id && c.OrganizationId == x.o.Id && c.SphereId == null && c.Version == x.o.CharterVersion),
            // Only organizations with the policy pay for the lookup.
            x.o.RequireTwoFactor && db.TwoFactorCredentials.Any(c => c.UserId == id && c.EnabledAt != null)))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The viewer's view of an organization, or 404.</summary>
    public async Task<OrganizationAccess> OrganizationAsync(Viewer viewer, Guid organizationId, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organizationId, cancellationToken)
            ?? throw ProblemException.NotFound("organization");
        OrganizationRole? role = viewer.UserId is { } userId ? await OrganizationRoleAsync(userId, organizationId, cancellationToken) : null;
        if (role is not null) await EnsureTwoFactorAsync(viewer.Id, organization, cancellationToken);
        var charterPending = false;
        if (role is not null && organization.Charter is not null)
        {
            var version = organization.CharterVersion;
            charterPending = !await db.CharterAcceptances.AnyAsync(c => c.UserId == viewer.UserId && c.OrganizationId == organizationId
                && c.SphereId == null && c.Version == version, cancellationToken);
        }
        OrganizationView? view = role switch
        {
            OrganizationRole.Manager or OrganizationRole.Member => OrganizationView.Member,
            OrganizationRole.Visitor => OrganizationView.Visitor,
            _ when organization.IsPersonal => null,
            _ when viewer.IsSignedIn && await FederationVisibility.IsVisibleAsync(db, viewer.Id, organization, cancellationToken) => OrganizationView.Federation,
            _ when organization.ExternalPortal => OrganizationView.Portal,
            _ => null,
        };
        if (view is null) throw ProblemException.NotFound("organization");
        return new OrganizationAccess(organization, role, view.Value, charterPending);
    }

    public Task<OrganizationRole?> OrganizationRoleAsync(Guid userId, Guid organizationId, CancellationToken cancellationToken) =>
        db.OrganizationMembers.AsNoTracking().Where(m => m.OrganizationId == organizationId && m.UserId == userId)
            .Select(m => (OrganizationRole?)m.Role).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Spheres the viewer is a member of (explicit rows, and global spheres of organizations they belong to).</summary>
    /// <remarks>
    /// The rule is the predicate after <c>candidates.Contains</c>; the candidates (the person's own
    /// sphere rows and the global spheres of the organizations they are inside) are a superset of
    /// its answer that adds nothing to it. They exist for the planner: with the rule's <c>OR</c>
    /// alone, PostgreSQL scanned every sphere of the platform and ran the rule's sub-queries for
    /// each (docs/PERFORMANCE.md); starting from the candidates, it reads the person's few rows by
    /// index and checks the rule on those only.
    /// </remarks>
    public IQueryable<Sphere> MemberSpheres(Guid userId)
    {
        var candidates = db.SphereMembers.Where(m => m.UserId == userId).Select(m => m.SphereId)
            .Concat(db.OrganizationMembers
                .Where(om => om.UserId == userId && (om.Role == OrganizationRole.Manager || om.Role == OrganizationRole.Member))
                .Join(db.Spheres.Where(g => g.Type == SphereType.Global), om => om.OrganizationId, g => g.OrganizationId, (om, g) => g.Id));
        return db.Spheres.Where(s => candidates.Contains(s.Id) &&
            (db.SphereMembers.Any(m => m.SphereId == s.Id && m.UserId == userId &&
                (db.Organizations.Any(o => o.Id == s.OrganizationId && o.IsPersonal) ||
                 db.OrganizationMembers.Any(om => om.OrganizationId == s.OrganizationId && om.UserId == userId))) ||
            (s.Type == SphereType.Global && db.OrganizationMembers.Any(om => om.OrganizationId == s.OrganizationId && om.UserId == userId &&
                (om.Role == OrganizationRole.Manager || om.Role == OrganizationRole.Member)))) &&
            (!s.VerifiedOnly || db.Users.Any(u => u.Id == userId && u.IdentityVerifiedAt != null)));
    }

    /// <summary>Spheres whose existence the viewer may know: their own, plus open, global, portal-listed and public spheres of organizations they are inside.</summary>
    public IQueryable<Sphere> VisibleSpheres(Viewer viewer)
    {
        if (viewer.UserId is not { } userId) return db.Spheres.Where(s => s.Type == SphereType.Public);
        return MemberSpheres(userId).Union(db.Spheres.Where(s =>
            s.Type == SphereType.Public ||
            ((s.Type == SphereType.Open || s.Type == SphereType.Global || s.ListedInPortal) &&
             db.OrganizationMembers.Any(om => om.OrganizationId == s.OrganizationId && om.UserId == userId &&
                 (om.Role == OrganizationRole.Manager || om.Role == OrganizationRole.Member)))));
    }

    public IQueryable<OrganizationMember> OrganizationMemberships() => db.OrganizationMembers;

    /// <summary>People whose identity is verified (spheres for verified members only count no one else).</summary>
    public IQueryable<Guid> VerifiedUserIds() => db.Users.Where(u => u.IdentityVerifiedAt != null).Select(u => u.Id);

    /// <summary>
    /// Explicit sphere rows that count: the person is in the sphere's organization (any role), or the
    /// sphere is personal. A row left behind for someone no longer in the organization grants nothing,
    /// nor does an unverified person's row in a sphere restricted to verified members.
    /// </summary>
    public IQueryable<SphereMember> CountedSphereRows() =>
        db.SphereMembers.Where(m =>
            (db.OrganizationMembers.Any(om => om.OrganizationId == m.OrganizationId && om.UserId == m.UserId) ||
             db.Organizations.Any(o => o.Id == m.OrganizationId && o.IsPersonal)) &&
            (db.Users.Any(u => u.Id == m.UserId && u.IdentityVerifiedAt != null) || !db.Spheres.Any(s => s.Id == m.SphereId && s.VerifiedOnly)));

    /// <summary>
    /// Whether the viewer may see another person's profile: themselves, someone inside a shared
    /// organization (both managers or members), or someone sharing a sphere whose directory the
    /// viewer may see. Only sphere rows that count (see <see cref="CountedSphereRows"/>) make people share a sphere.
    /// </summary>
    public async Task<bool> CanSeeUserAsync(Viewer viewer, Guid userId, CancellationToken cancellationToken)
    {
        if (viewer.UserId is not { } me) return false;
        if (me == userId) return true;
        var insider = new[] { OrganizationRole.Manager, OrganizationRole.Member };
        var sharedOrganization = await db.OrganizationMembers.AnyAsync(a => a.UserId == me && insider.Contains(a.Role) &&
            db.OrganizationMembers.Any(b => b.OrganizationId == a.OrganizationId && b.UserId == userId && insider.Contains(b.Role)) &&
            db.Organizations.Any(o => o.Id == a.OrganizationId && !o.IsPersonal), cancellationToken);
        if (sharedOrganization) return true;
        var staff = new[] { SphereRole.Administrator, SphereRole.Publisher };
        var rows = CountedSphereRows();
        return await rows.AnyAsync(a => a.UserId == me && a.Role != SphereRole.Visitor &&
            rows.Any(b => b.SphereId == a.SphereId && b.UserId == userId &&
                (staff.Contains(a.Role) || staff.Contains(b.Role) ||
                 db.Spheres.Any(s => s.Id == a.SphereId && s.Type != SphereType.Restricted))), cancellationToken) ||
            await rows.AnyAsync(a => a.UserId == me && a.Role == SphereRole.Visitor &&
                rows.Any(b => b.SphereId == a.SphereId && b.UserId == userId && staff.Contains(b.Role)), cancellationToken);
    }
}

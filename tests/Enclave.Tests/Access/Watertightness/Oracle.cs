using Enclave.Server.Memberships;
using Enclave.Server.Organizations;
using Enclave.Server.Spheres;

namespace Enclave.Tests.Access.Watertightness;

/// <summary>What one viewer should see of one sphere, straight from the design rules.</summary>
public sealed record SphereTruth(bool Visible, SphereRole? Role, bool Implicit, bool SphereCharterPending, bool CharterPending, bool CharterPendingDefined,
    bool CanRead, bool CanPost, bool CanComment, bool CanAdminister, bool CanListMembers, bool CanEnter, bool CanLeave);

/// <summary>
/// The independent oracle: the design's access rules written over the in-memory model, without
/// looking at (or calling) the server's gate. When it disagrees with the API, one of them is wrong.
/// </summary>
public sealed partial class Oracle(WorldModel w)
{
    public WorldModel World => w;

    private bool Insider(Guid? v, Guid organizationId) =>
        w.OrganizationRoleOf(v, organizationId) is OrganizationRole.Manager or OrganizationRole.Member;

    private static bool IsStaff(SphereRole? role) => role is SphereRole.Administrator or SphereRole.Publisher;

    /// <summary>
    /// An explicit row counts only inside the organization (or in a personal one); global spheres enrol every insider.
    /// In a sphere for verified members only, an unverified person holds no role at all.
    /// </summary>
    public SphereRole? SphereRoleOf(Guid? v, ModelSphere s) => Suspended(v, s) ? null :
        CountedRow(v, s) ?? (s.Type == SphereType.Global && Insider(v, s.OrganizationId) ? SphereRole.Member : null);

    private bool Suspended(Guid? v, ModelSphere s) => s.VerifiedOnly && !w.Verified(v);

    private SphereRole? CountedRow(Guid? v, ModelSphere s) =>
        !Suspended(v, s) && w.SphereRowOf(v, s.Id) is { } row &&
        (w.OrganizationRoleOf(v, s.OrganizationId) is not null || w.Organization(s.OrganizationId).IsPersonal) ? row : null;

    public bool SphereVisible(Guid? v, ModelSphere s) =>
        SphereRoleOf(v, s) is not null || s.Type == SphereType.Public ||
        (Insider(v, s.OrganizationId) && (s.Type is SphereType.Open or SphereType.Global || s.ListedInPortal));

    public SphereTruth Sphere(Guid? v, ModelSphere s)
    {
        var organization = w.Organization(s.OrganizationId);
        var role = SphereRoleOf(v, s);
        var orgRole = w.OrganizationRoleOf(v, s.OrganizationId);
        var spherePending = v is { } u && s.Charter is not null && !w.Accepted(u, s.OrganizationId, s.Id, s.CharterVersion);
        var orgPending = v is { } u2 && organization.Charter is not null && orgRole is not null && !w.Accepted(u2, organization.Id, null, organization.CharterVersion);
        var pending = spherePending || orgPending;
        var ok = role is not null && !pending;
        return new SphereTruth(
            Visible: SphereVisible(v, s), Role: role, Implicit: role is not null && CountedRow(v, s) is null,
            SphereCharterPending: spherePending, CharterPending: pending, CharterPendingDefined: role is not null || orgRole is not null,
            CanRead: ok || s.Type == SphereType.Public,
            CanPost: ok && (IsStaff(role) || (role == SphereRole.Member && s.Type != SphereType.Restricted)),
            CanComment: ok,
            CanAdminister: role == SphereRole.Administrator,
            CanListMembers: ok && (IsStaff(role) || (role == SphereRole.Member && s.Type != SphereType.Restricted)),
            CanEnter: role is null && !Suspended(v, s) && s.Type == SphereType.Open && Insider(v, s.OrganizationId),
            CanLeave: role is not null && CountedRow(v, s) is not null);
    }

    /// <summary>Everyone holding a role in the sphere.</summary>
    public HashSet<Guid> SphereMembers(ModelSphere s) => w.Users.Where(u => SphereRoleOf(u.Id, s) is not null).Select(u => u.Id).ToHashSet();

    public HashSet<Guid> MySpheres(Guid v) => w.Spheres.Where(s => SphereRoleOf(v, s) is not null).Select(s => s.Id).ToHashSet();

    public HashSet<Guid> Groups(ModelSphere s) => w.Groups.Where(g => g.SphereId == s.Id).Select(g => g.Id).ToHashSet();

    public HashSet<Guid> SphereInvitations(ModelSphere s) => w.Invitations.Where(i => i.SphereId == s.Id).Select(i => i.Id).ToHashSet();

    public HashSet<Guid> PendingSphereJoinRequests(ModelSphere s) =>
        w.JoinRequests.Where(r => r.SphereId == s.Id && r.Status == JoinRequestStatus.Pending).Select(r => r.Id).ToHashSet();

    public HashSet<Guid> MyInvitations(Guid v)
    {
        var email = w.User(v).Email.ToLowerInvariant();
        return w.Invitations.Where(i => i.Status == InvitationStatus.Pending && i.ExpiresAt > w.Now &&
            (i.InviteeUserId == v || (i.InviteeUserId is null && i.InviteeEmail == email))).Select(i => i.Id).ToHashSet();
    }

    /// <summary>
    /// A profile is visible to its owner, to fellow insiders of a real organization, and to people
    /// sharing a sphere whose directory shows them (visitors see the staff only).
    /// </summary>
    public bool UserVisible(Guid? v, Guid other)
    {
        if (v is not { } me) return false;
        if (me == other) return true;
        if (w.RealOrganizations.Any(o => Insider(me, o.Id) && Insider(other, o.Id))) return true;
        foreach (var s in w.Spheres)
        {
            if (CountedRow(me, s) is not { } mine || CountedRow(other, s) is not { } theirs) continue;
            if (mine != SphereRole.Visitor && (IsStaff(mine) || IsStaff(theirs) || s.Type != SphereType.Restricted)) return true;
            if (mine == SphereRole.Visitor && IsStaff(theirs)) return true;
        }
        return false;
    }
}

using Enclave.Server.Organizations;
using Enclave.Server.Spheres;

namespace Enclave.Server.Access;

/// <summary>
/// What one viewer may do in one sphere, decided by <see cref="AccessGate"/>. Holding an instance
/// means the sphere is visible to the viewer (its name and description); everything else is
/// spelled out below. The rules per sphere type are documented in docs/spheres.md.
/// </summary>
/// <param name="VerificationPending">The sphere is restricted to verified members and the viewer's identity is not verified:
/// any membership they hold is suspended and they cannot enter or ask to join.</param>
public sealed record SphereAccess(Sphere Sphere, Organization Organization, OrganizationRole? OrganizationRole, SphereRole? Role,
    bool ImplicitMember, bool SphereCharterPending, bool OrganizationCharterPending, bool VerificationPending = false)
{
    public bool IsMember => Role is not null;
    public bool IsStaff => Role is SphereRole.Administrator or SphereRole.Publisher;
    /// <summary>Staff powers (moderating, pinning, deleting others' posts) wait for the charters like every other right.</summary>
    public bool ActsAsStaff => IsStaff && !CharterPending;
    public bool CanAdminister => Role == SphereRole.Administrator;
    public bool CharterPending => SphereCharterPending || OrganizationCharterPending;

    /// <summary>Members read once the charters are accepted; a public sphere is readable by anyone with the link.</summary>
    public bool CanRead => (IsMember && !CharterPending) || Sphere.Type == SphereType.Public;

    /// <summary>Staff always publish; members too except in restricted spheres; visitors never.</summary>
    public bool CanPost => IsMember && !CharterPending &&
        (IsStaff || (Role == SphereRole.Member && Sphere.Type != SphereType.Restricted));

    public bool CanComment => IsMember && !CharterPending;

    /// <summary>Taking part with the sphere's tools (vote, answer, chat, move cards): members, visitors included, past the charters.</summary>
    public bool CanUseTools => IsMember && !CharterPending;

    /// <summary>The member directory: hidden in restricted spheres (staff only) and from visitors.</summary>
    public bool CanListMembers => IsMember && !CharterPending &&
        (IsStaff || (Role == SphereRole.Member && Sphere.Type != SphereType.Restricted));

    private bool IsOrganizationInsider => OrganizationRole is Organizations.OrganizationRole.Manager or Organizations.OrganizationRole.Member;

    /// <summary>Open spheres: any member of the organization may walk in.</summary>
    public bool CanEnter => !IsMember && !VerificationPending && Sphere.Type == SphereType.Open && IsOrganizationInsider;

    /// <summary>A sphere listed in the portal (or public) can be asked to join by the organization's members.</summary>
    public bool CanRequestToJoin => !IsMember && !VerificationPending && IsOrganizationInsider &&
        Sphere.Type is not (SphereType.Global or SphereType.Open) && (Sphere.ListedInPortal || Sphere.Type == SphereType.Public);

    /// <summary>Administrators invite directly; other members propose invitations (which wait for approval) when the sphere allows it.</summary>
    public bool CanInvite => CanAdminister ||
        (IsMember && !CharterPending && Role != SphereRole.Visitor && (Sphere.MembersCanInvite || Sphere.Type == SphereType.Visitor));

    public bool CanLeave => IsMember && !ImplicitMember;
}

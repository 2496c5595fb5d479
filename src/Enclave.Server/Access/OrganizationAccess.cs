using Enclave.Server.Organizations;

namespace Enclave.Server.Access;

/// <summary>How much of an organization a viewer sees, decided by <see cref="AccessGate"/>.</summary>
public enum OrganizationView
{
    /// <summary>The public page (external portal): name, description, ask for an invitation.</summary>
    Portal,
    /// <summary>A node of a federation the viewer belongs to: name and place in the tree.</summary>
    Federation,
    /// <summary>A visitor: the organization's name and the spheres they were invited into.</summary>
    Visitor,
    /// <summary>A member or manager: the internal portal, the people, the spheres they may see.</summary>
    Member,
}

public sealed record OrganizationAccess(Organization Organization, OrganizationRole? Role, OrganizationView View, bool CharterPending)
{
    public bool IsManager => Role == OrganizationRole.Manager;
    public bool IsInsider => Role is OrganizationRole.Manager or OrganizationRole.Member;
    public bool CanListMembers => IsInsider && !CharterPending;
    public bool CanCreateSpheres => IsInsider && !CharterPending && (IsManager || Organization.MembersCanCreateSpheres || Organization.IsPersonal);
    public bool CanRequestToJoin => Role is null && !Organization.IsPersonal;
}

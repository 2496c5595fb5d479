using Enclave.Server.Access;

namespace Enclave.Server.Spheres;

public sealed record SpherePermissions(bool CanRead, bool CanPost, bool CanComment, bool CanAdminister, bool CanListMembers,
    bool CanEnter, bool CanRequestToJoin, bool CanInvite, bool CanLeave)
{
    public static SpherePermissions From(SphereAccess a) =>
        new(a.CanRead, a.CanPost, a.CanComment, a.CanAdminister, a.CanListMembers, a.CanEnter, a.CanRequestToJoin, a.CanInvite, a.CanLeave);
}

public sealed record SphereResponse(
    Guid Id, Guid OrganizationId, string OrganizationName, bool Personal, string Name, string Description, SphereType Type,
    bool ListedInPortal, bool MembersCanInvite, bool HasCharter, int CharterVersion, SphereRole? MyRole, bool CharterPending,
    SpherePermissions Permissions, DateTime CreatedAt, bool OrganizationCharterPending, bool VerifiedOnly, bool VerificationPending)
{
    public static SphereResponse From(SphereAccess a)
    {
        var s = a.Sphere;
        return new SphereResponse(s.Id, s.OrganizationId, a.Organization.Name, a.Organization.IsPersonal, s.Name, s.Description, s.Type,
            s.ListedInPortal, s.MembersCanInvite, s.Charter is not null, s.CharterVersion, a.Role, a.CharterPending,
            SpherePermissions.From(a), s.CreatedAt, a.OrganizationCharterPending, s.VerifiedOnly, a.VerificationPending);
    }
}

/// <summary>A sphere in a list (my spheres, an organization's portal).</summary>
public sealed record SphereSummary(Guid Id, Guid OrganizationId, string Name, string Description, SphereType Type, bool ListedInPortal, SphereRole? MyRole);

public sealed record CreateSphereRequest(Guid? OrganizationId, string? Name, string? Description, SphereType? Type, bool? ListedInPortal, bool? MembersCanInvite, bool? VerifiedOnly = null);

public sealed record UpdateSphereRequest(string? Name, string? Description, SphereType? Type, bool? ListedInPortal, bool? MembersCanInvite, bool? VerifiedOnly = null);

using Enclave.Server.Access;

namespace Enclave.Server.Organizations;

public sealed record OrganizationResponse(
    Guid Id, string Name, string Description, OrganizationView View, OrganizationRole? MyRole, Guid? ParentId,
    bool HiddenInTree, bool ExternalPortal, bool MembersCanCreateSpheres, OrganizationPlan? Plan, bool HasCharter,
    int CharterVersion, bool CharterPending, bool CanManage, bool CanCreateSpheres, bool CanRequestToJoin, DateTime CreatedAt)
{
    /// <summary>Outsiders (portal and federation views) see the name and description only.</summary>
    public static OrganizationResponse From(OrganizationAccess access)
    {
        var o = access.Organization;
        var inside = access.View is OrganizationView.Member;
        return new OrganizationResponse(o.Id, o.Name, o.Description, access.View, access.Role,
            access.View is OrganizationView.Portal or OrganizationView.Visitor ? null : o.ParentId,
            inside && o.HiddenInTree, o.ExternalPortal, inside && o.MembersCanCreateSpheres,
            inside ? o.Plan : null, o.Charter is not null, o.CharterVersion, access.CharterPending,
            access.IsManager, access.CanCreateSpheres, access.CanRequestToJoin, o.CreatedAt);
    }
}

public sealed record CreateOrganizationRequest(string? Name, string? Description, bool? ExternalPortal, bool? MembersCanCreateSpheres);

public sealed record UpdateOrganizationRequest(string? Name, string? Description, bool? ExternalPortal, bool? MembersCanCreateSpheres, bool? HiddenInTree, OrganizationPlan? Plan);

public sealed record CharterRequest(string? Text);

public sealed record CharterResponse(string? Text, int Version, bool Accepted);

public sealed record AcceptCharterRequest(int? Version);

namespace Enclave.Server.Organizations.Pages;

/// <summary>The fields of the create and settings forms. A checkbox left unticked is absent from the post, hence no initial values here.</summary>
public sealed class OrganizationForm
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public bool ExternalPortal { get; set; }
    public bool MembersCanCreateSpheres { get; set; }
}

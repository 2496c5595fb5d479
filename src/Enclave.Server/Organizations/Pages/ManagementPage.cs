using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Federations;
using Enclave.Server.Ui;
using Microsoft.AspNetCore.Components;

namespace Enclave.Server.Organizations.Pages;

/// <summary>
/// The base of the organization pages that need the organization, its place in the federation and,
/// for management pages, a manager: anyone else gets the not-found page with status 404.
/// </summary>
public abstract class OrganizationPage : ComponentBase
{
    [CascadingParameter] public HttpContext Http { get; set; } = default!;
    [Parameter] public Guid Id { get; set; }
    [Inject] protected UiRequest Ui { get; set; } = default!;
    [Inject] protected AccessGate Gate { get; set; } = default!;
    [Inject] protected EnclaveDb Db { get; set; } = default!;
    [Inject] protected NavigationManager Nav { get; set; } = default!;

    protected OrganizationResponse? Organization { get; private set; }
    protected TreeNode? Tree { get; private set; }
    protected IReadOnlyList<TreeNode> Ancestors { get; private set; } = [];
    protected Viewer Viewer => Ui.Viewer;
    protected CancellationToken Ct => Http.RequestAborted;

    /// <summary>Loads the organization (signed-in viewers only); false when the page shows not-found or redirects.</summary>
    protected async Task<bool> LoadAsync(string path, bool managersOnly)
    {
        if (!Ui.IsSignedIn)
        {
            Nav.NavigateTo(OrganizationPages.SignIn(path));
            return false;
        }
        Organization = await OrganizationPages.GetAsync(Id, Viewer, Gate, Http);
        if (Organization is not null && managersOnly && !Organization.CanManage)
        {
            Organization = null;
            OrganizationPages.NotFound(Http);
        }
        if (Organization is null) return false;
        if (Organization.View is OrganizationView.Member or OrganizationView.Federation)
        {
            Tree = await OrganizationPages.TreeAsync(Id, Viewer, Gate, Db, Ct);
            Ancestors = OrganizationPages.Ancestors(Tree, Id);
        }
        return true;
    }
}

using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Spheres;
using Enclave.Server.Ui;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Components;

namespace Enclave.Server.Tools.Pages;

/// <summary>
/// What a tool's pages share: their data comes from the API's own handlers (the same gate), and
/// anything the API does not show the viewer answers not-found — never a sign-in redirect, which
/// would tell that something is there. A public sphere's tools are readable without an account,
/// as its feed is.
/// </summary>
public abstract class ToolPageBase : ComponentBase
{
    [CascadingParameter] public HttpContext Http { get; set; } = default!;
    [Inject] protected AccessGate Gate { get; set; } = default!;
    [Inject] protected EnclaveDb Db { get; set; } = default!;
    [Inject] protected NavigationManager Nav { get; set; } = default!;
    [Inject] protected UiRequest Ui { get; set; } = default!;
    [Inject] protected TimeProvider Clock { get; set; } = default!;

    /// <summary>The sphere the page belongs to; null when the page is not found.</summary>
    protected SphereResponse? Sphere { get; set; }
    protected bool NotFound { get; private set; }
    protected Viewer Viewer => Ui.Viewer;
    protected CancellationToken Ct => Http.RequestAborted;
    protected string Here => "/" + Nav.ToBaseRelativePath(Nav.Uri);

    /// <summary>Loads the page's data through the handlers.</summary>
    protected abstract Task LoadAsync();

    protected override async Task OnInitializedAsync()
    {
        try
        {
            await LoadAsync();
        }
        catch (ProblemException problem) when (problem.Status is 404 or 401)
        {
            Sphere = null;
            NotFound = true;
            PageStatus.NotFound(Http);
        }
    }

    /// <summary>The sphere as the API shows it, when the viewer reads its content (otherwise not-found, like the tool's API).</summary>
    protected async Task<SphereResponse> SphereAsync(Guid id)
    {
        var sphere = (await SphereEndpoints.Get(id, Viewer, Gate, Ct)).Value!;
        if (!sphere.Permissions.CanRead) throw ProblemException.NotFound("sphere");
        return sphere;
    }
}

using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Spheres;
using Enclave.Server.Ui;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Components;

namespace Enclave.Server.Tools.Polls.Pages;

/// <summary>
/// What the polls' pages share: everything read through the API's handlers, and not-found (never a
/// sign-in redirect, which would tell that something is there) for anyone the API does not show it
/// to. A public sphere's polls are readable without an account, as its feed is.
/// </summary>
public abstract class PollsPageBase : ComponentBase
{
    [CascadingParameter] public HttpContext Http { get; set; } = default!;
    [Inject] protected AccessGate Gate { get; set; } = default!;
    [Inject] protected EnclaveDb Db { get; set; } = default!;
    [Inject] protected NavigationManager Nav { get; set; } = default!;
    [Inject] protected UiRequest Ui { get; set; } = default!;
    [Inject] protected PollViews Views { get; set; } = default!;
    [Inject] protected TimeProvider Clock { get; set; } = default!;

    protected SphereResponse? Sphere { get; set; }
    protected Viewer Viewer => Ui.Viewer;
    protected CancellationToken Ct => Http.RequestAborted;
    protected string Here => "/" + Nav.ToBaseRelativePath(Nav.Uri);

    /// <summary>Loads the page's data through the handlers; sets <see cref="Sphere"/>.</summary>
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
            PageStatus.NotFound(Http);
        }
    }

    protected async Task<SphereResponse> SphereAsync(Guid sphereId) => (await SphereEndpoints.Get(sphereId, Viewer, Gate, Ct)).Value!;
}

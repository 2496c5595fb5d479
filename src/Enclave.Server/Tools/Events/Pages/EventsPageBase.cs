using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Spheres;
using Enclave.Server.Ui;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Components;

namespace Enclave.Server.Tools.Events.Pages;

/// <summary>
/// What the events pages share: the data comes from the API's handlers (same gate), anything the
/// viewer does not read is not-found (a public sphere's calendar is readable without an account,
/// as its feed is), and a sign-in is asked only when there is nothing to show an anonymous visitor.
/// </summary>
public abstract class EventsPageBase : ComponentBase
{
    [CascadingParameter] public HttpContext Http { get; set; } = default!;
    [Inject] protected AccessGate Gate { get; set; } = default!;
    [Inject] protected EnclaveDb Db { get; set; } = default!;
    [Inject] protected NavigationManager Nav { get; set; } = default!;
    [Inject] protected UiRequest Ui { get; set; } = default!;
    [Inject] protected EventService Events { get; set; } = default!;
    [Inject] protected EventViews Views { get; set; } = default!;
    [Inject] protected TimeProvider Clock { get; set; } = default!;

    protected bool NotFound { get; private set; }
    protected Viewer Viewer => Ui.Viewer;
    protected CancellationToken Ct => Http.RequestAborted;
    protected string Here => "/" + Nav.ToBaseRelativePath(Nav.Uri);

    protected abstract Task LoadAsync();

    protected override async Task OnInitializedAsync()
    {
        try
        {
            await LoadAsync();
        }
        catch (ProblemException problem) when (problem.Status is 404 or 401)
        {
            NotFound = true;
            PageStatus.NotFound(Http);
        }
    }

    protected async Task<SphereResponse> SphereAsync(Guid id)
    {
        var sphere = (await SphereEndpoints.Get(id, Viewer, Gate, Ct)).Value!;
        if (!sphere.Permissions.CanRead) throw ProblemException.NotFound("sphere");
        return sphere;
    }

    /// <summary>A wall time in the viewer's zone, as an ISO text the API reads in the event's zone (the form names the viewer's zone).</summary>
    protected string LocalInput(DateTime utc) => Ui.Local(utc).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}

using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Spheres;
using Enclave.Server.Ui;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Components;

namespace Enclave.Server.Tools.Tasks.Pages;

/// <summary>
/// What the kanban pages share: the sphere and the items are read through the API's handlers, and
/// anything the API does not show answers not-found (for signed-out readers too: a public sphere's
/// boards are readable by anyone with the link, the others do not reveal they exist).
/// </summary>
public abstract class TaskPage : ComponentBase
{
    [Parameter] public Guid Id { get; set; }
    [CascadingParameter] public HttpContext Http { get; set; } = default!;
    [Inject] protected AccessGate Gate { get; set; } = default!;
    [Inject] protected EnclaveDb Db { get; set; } = default!;
    [Inject] protected NavigationManager Nav { get; set; } = default!;
    [Inject] protected UiRequest Ui { get; set; } = default!;

    protected SphereResponse? Sphere { get; private set; }
    protected Viewer Viewer => Ui.Viewer;
    protected CancellationToken Ct => Http.RequestAborted;
    protected string Here => "/" + Nav.ToBaseRelativePath(Nav.Uri).Split('#')[0];

    /// <summary>Loads the page's item through the API's handlers; throws the API's 404 when it is not visible.</summary>
    protected abstract Task LoadAsync();

    protected override async Task OnInitializedAsync()
    {
        try
        {
            await Gate.ToolSphereAsync(Viewer, Id, "sphere", Ct);
            Sphere = (await SphereEndpoints.Get(Id, Viewer, Gate, Ct)).Value!;
            await LoadAsync();
        }
        catch (ProblemException problem) when (problem.Status is 404 or 401)
        {
            Sphere = null;
            PageStatus.NotFound(Http);
        }
    }
}

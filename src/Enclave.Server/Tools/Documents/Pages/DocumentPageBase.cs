using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Spheres;
using Enclave.Server.Ui;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Components;

namespace Enclave.Server.Tools.Documents.Pages;

/// <summary>
/// What the document box's pages share: the sphere and the viewer's rights read through the gate
/// (<see cref="AccessGate.ToolSphereAsync"/>), and not-found for anyone the API would not show the
/// box to, signed in or not: a public sphere's box is readable with the link, like its feed.
/// </summary>
public abstract class DocumentPageBase : ComponentBase
{
    [Parameter] public Guid Id { get; set; }
    [CascadingParameter] public HttpContext Http { get; set; } = default!;
    [Inject] protected AccessGate Gate { get; set; } = default!;
    [Inject] protected EnclaveDb Db { get; set; } = default!;
    [Inject] protected DocumentViews Views { get; set; } = default!;
    [Inject] protected NavigationManager Nav { get; set; } = default!;
    [Inject] protected UiRequest Ui { get; set; } = default!;
    [Inject] protected TimeProvider Clock { get; set; } = default!;

    protected SphereResponse? Sphere { get; private set; }
    protected SphereAccess? Access { get; private set; }
    protected Viewer Viewer => Ui.Viewer;
    protected CancellationToken Ct => Http.RequestAborted;
    protected string Here => "/" + Nav.ToBaseRelativePath(Nav.Uri);
    protected bool CanWrite => Access?.CanPost == true;

    protected abstract Task LoadAsync();

    protected override async Task OnInitializedAsync()
    {
        try
        {
            Access = await Gate.ToolSphereAsync(Viewer, Id, "sphere", Ct);
            Sphere = (await SphereEndpoints.Get(Id, Viewer, Gate, Ct)).Value!;
            await LoadAsync();
        }
        catch (ProblemException problem) when (problem.Status is 404 or 401)
        {
            Sphere = null;
            PageStatus.NotFound(Http);
        }
    }

    /// <summary>Whether the viewer may trash, restore or purge this file (the same rule as the API).</summary>
    protected bool MayManage(Guid? ownerId) => Access is { } a && (a.ActsAsStaff || (ownerId is not null && ownerId == Viewer.UserId && a.CanPost));
}

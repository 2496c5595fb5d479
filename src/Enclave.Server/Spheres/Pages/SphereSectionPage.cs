using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Ui;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Components;

namespace Enclave.Server.Spheres.Pages;

/// <summary>
/// What the sphere's section pages (members, groups, charter, invitations...) share: sign-in
/// required, the sphere read through the API's handler, and not-found for anyone the API does not
/// show it to. A section the viewer may not use (e.g. settings for a plain member) is not-found too,
/// so these pages never reveal more than the API does. A refusal the API explains (a hidden
/// directory, a pending charter) is kept in <see cref="Refusal"/> and shown as such.
/// </summary>
public abstract class SphereSectionPage : ComponentBase
{
    [Parameter] public Guid Id { get; set; }
    [CascadingParameter] public HttpContext Http { get; set; } = default!;
    [Inject] protected AccessGate Gate { get; set; } = default!;
    [Inject] protected EnclaveDb Db { get; set; } = default!;
    [Inject] protected NavigationManager Nav { get; set; } = default!;
    [Inject] protected UiRequest Ui { get; set; } = default!;

    protected SphereResponse? Sphere { get; private set; }
    /// <summary>The API's refusal (403) of this section's content, shown instead of it.</summary>
    protected ProblemException? Refusal { get; private set; }
    protected Viewer Viewer => Ui.Viewer;
    protected CancellationToken Ct => Http.RequestAborted;
    protected string Here => "/" + Nav.ToBaseRelativePath(Nav.Uri);

    /// <summary>Whether the viewer may open this section at all (otherwise: not found).</summary>
    protected virtual bool MayOpen(SphereResponse sphere) => sphere.MyRole is not null;

    /// <summary>Loads the section's own data, through the API's handlers.</summary>
    protected virtual Task LoadAsync() => Task.CompletedTask;

    protected override async Task OnInitializedAsync()
    {
        if (!Ui.IsSignedIn)
        {
            Nav.NavigateTo($"/signin?returnUrl={Uri.EscapeDataString(Here)}");
            return;
        }
        try
        {
            Sphere = (await SphereEndpoints.Get(Id, Viewer, Gate, Ct)).Value!;
            if (!MayOpen(Sphere)) throw ProblemException.NotFound("sphere");
            await LoadAsync();
        }
        catch (ProblemException problem) when (problem.Status is 404 or 401)
        {
            Sphere = null;
            NotFound(Http);
        }
        catch (ProblemException problem) when (problem.Status == 403 && Sphere is not null)
        {
            Refusal = problem;
            Http.Response.StatusCode = 403;
        }
    }

    /// <summary>Answers 404 with this page's own not-found view (see <see cref="PageStatus.NotFound"/>).</summary>
    public static void NotFound(HttpContext http) => PageStatus.NotFound(http);

    /// <summary>A field error found by the page itself, shaped as the API's validation problems.</summary>
    protected static ProblemException Invalid(string field, string message, string code = "validation_failed") =>
        new(StatusCodes.Status400BadRequest, code, "One or more fields are invalid.", new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>After a successful form: back to this page with a GET (post/redirect/get).</summary>
    protected void Reload() => Nav.NavigateTo(Here);
}

using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Spheres;
using Enclave.Server.Ui;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Components;

namespace Enclave.Server.Tools.Ads.Pages;

/// <summary>
/// What the ads' pages share: data read through the API's handlers, and not-found (never a sign-in
/// redirect) for anyone the API does not show it to. A public sphere's ads are readable without an account.
/// </summary>
public abstract class AdsPageBase : ComponentBase
{
    [CascadingParameter] public HttpContext Http { get; set; } = default!;
    [Inject] protected AccessGate Gate { get; set; } = default!;
    [Inject] protected EnclaveDb Db { get; set; } = default!;
    [Inject] protected NavigationManager Nav { get; set; } = default!;
    [Inject] protected UiRequest Ui { get; set; } = default!;
    [Inject] protected AdViews Views { get; set; } = default!;

    protected SphereResponse? Sphere { get; set; }
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
            Sphere = null;
            PageStatus.NotFound(Http);
        }
    }

    protected async Task<SphereResponse> SphereAsync(Guid sphereId) => (await SphereEndpoints.Get(sphereId, Viewer, Gate, Ct)).Value!;

    protected static string PriceText(AdResponse ad) =>
        ad.Price is { } p && ad.Currency is { } c ? AdTexts.Price((long)(p * 100), c) : "";
}

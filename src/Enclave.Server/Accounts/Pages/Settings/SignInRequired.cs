using Enclave.Server.Access;
using Microsoft.AspNetCore.Components;

namespace Enclave.Server.Accounts.Pages.Settings;

/// <summary>The settings pages are the signed-in person's own: anyone else goes to the sign-in page first.</summary>
public static class SignInRequired
{
    /// <summary>The viewer, or a redirect to /signin?returnUrl=... (and null).</summary>
    public static Viewer? Check(HttpContext http, NavigationManager nav)
    {
        var viewer = Viewer.From(http.User);
        if (viewer.UserId is not null) return viewer;
        nav.NavigateTo($"/signin?returnUrl={Uri.EscapeDataString("/" + nav.ToBaseRelativePath(nav.Uri))}");
        return null;
    }
}

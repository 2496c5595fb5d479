using Microsoft.Playwright;

namespace Enclave.E2E.Support;

/// <summary>The two screens every page is checked on.</summary>
public enum Screen
{
    /// <summary>1280×800, mouse.</summary>
    Desktop,

    /// <summary>390×844, touch, mobile viewport rules (honours <c>&lt;meta name="viewport"&gt;</c>).</summary>
    Phone,
}

internal static class ScreenOptions
{
    public static void Apply(Screen screen, BrowserNewContextOptions options)
    {
        var phone = screen == Screen.Phone;
        options.ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 800 };
        options.IsMobile = phone;
        options.HasTouch = phone;
        options.DeviceScaleFactor = 1;
    }
}

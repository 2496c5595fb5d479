using Microsoft.AspNetCore.Components;

namespace Enclave.Server.Tools.Events.Pages;

/// <summary>What the events pages share (see <see cref="Enclave.Server.Tools.Pages.ToolPageBase"/>), plus the events' services and local times for forms.</summary>
public abstract class EventsPageBase : Enclave.Server.Tools.Pages.ToolPageBase
{
    [Inject] protected EventService Events { get; set; } = default!;
    [Inject] protected EventViews Views { get; set; } = default!;

    /// <summary>A wall time in the viewer's zone, as an ISO text the API reads in the event's zone (the form names the viewer's zone).</summary>
    protected string LocalInput(DateTime utc) => Ui.Local(utc).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}

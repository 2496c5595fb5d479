using Microsoft.AspNetCore.Components;

namespace Enclave.Server.Tools.Polls.Pages;

/// <summary>What the polls' pages share (see <see cref="Enclave.Server.Tools.Pages.ToolPageBase"/>), plus the polls' views.</summary>
public abstract class PollsPageBase : Enclave.Server.Tools.Pages.ToolPageBase
{
    [Inject] protected PollViews Views { get; set; } = default!;
}

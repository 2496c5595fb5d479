using Enclave.Server.Web;

namespace Enclave.Server.Access;

/// <summary>
/// The gate's rule for sphere tools (documents, boards, polls, events, ads, chat): a tool item is
/// seen exactly by those who read its sphere's content, and anything else answers 404 naming the
/// item, so neither the item nor its sphere leaks. Each tool's by-id lookup loads its row, then
/// asks here with the row's sphere.
/// </summary>
public sealed partial class AccessGate
{
    /// <summary>The viewer's rights in the sphere when they read its content; otherwise 404 for <paramref name="noun"/>.</summary>
    public async Task<SphereAccess> ToolSphereAsync(Viewer viewer, Guid sphereId, string noun, CancellationToken cancellationToken)
    {
        SphereAccess access;
        try
        {
            access = await SphereAsync(viewer, sphereId, cancellationToken);
        }
        catch (ProblemException e) when (e.Status == 404)
        {
            throw ProblemException.NotFound(noun);
        }
        if (!access.CanRead) throw ProblemException.NotFound(noun);
        return access;
    }

    /// <summary>As <see cref="ToolSphereAsync"/>, for acting with a tool (vote, answer, move a card, chat): members past the charters only.</summary>
    public async Task<SphereAccess> ToolParticipantAsync(Viewer viewer, Guid sphereId, string noun, CancellationToken cancellationToken)
    {
        var access = await ToolSphereAsync(viewer, sphereId, noun, cancellationToken);
        // The item is readable (a public sphere), so its existence is known: say why, rather than 404.
        if (!access.CanUseTools) throw ProblemException.Forbidden("members_only", "Only the sphere's members take part here.");
        return access;
    }
}

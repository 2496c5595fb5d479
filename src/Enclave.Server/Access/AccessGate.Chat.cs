using Enclave.Server.Web;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Access;

/// <summary>
/// The gate's rules for the chat. A sphere's channel is for those who take part in the sphere
/// (members past the charters): anyone else, a public sphere's mere readers included, gets 404,
/// because a channel is a conversation between members, not published content. Two people may
/// talk directly when they both take part in at least one common sphere.
/// </summary>
public sealed partial class AccessGate
{
    /// <summary>The viewer's rights in the sphere when they take part in it; otherwise 404 for <paramref name="noun"/>.</summary>
    public async Task<SphereAccess> ChatChannelAsync(Viewer viewer, Guid sphereId, string noun, CancellationToken cancellationToken)
    {
        var access = await ToolSphereAsync(viewer, sphereId, noun, cancellationToken);
        if (!access.CanUseTools) throw ProblemException.NotFound(noun);
        return access;
    }

    /// <summary>Both people take part (members past the charters) in at least one common sphere.</summary>
    public Task<bool> ShareSphereAsync(Guid userId, Guid otherId, CancellationToken cancellationToken) =>
        ReadableSpheres(userId).AnyAsync(s => ReadableSpheres(otherId).Any(o => o.Id == s.Id), cancellationToken);
}

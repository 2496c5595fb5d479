using Enclave.Server.Access;
using Enclave.Server.Data;

namespace Enclave.Server.Posts.Pages;

public static class CommentPages
{
    /// <summary>The comments of a post that the viewer may see, oldest first, through the API's handler (first 100).</summary>
    public static async Task<IReadOnlyList<CommentResponse>> AllAsync(Guid postId, Viewer viewer, AccessGate gate, EnclaveDb db, PostViewBuilder views, CancellationToken cancellationToken) =>
        (await CommentEndpoints.List(postId, null, 100, viewer, gate, db, views, cancellationToken)).Value!.Items;
}

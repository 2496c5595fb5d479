using Enclave.Server.Access;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Enclave.Server.Search;

/// <summary>
/// <c>GET /api/v1/search</c>: full-text search over posts and comments, and sphere and people names,
/// limited to what the viewer may access (see <see cref="SearchService"/> and docs/api/conversations.md).
/// Anonymous callers may search too; they only ever find public spheres by name.
/// </summary>
public static class SearchEndpoints
{
    public static RouteGroupBuilder MapSearch(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/search").WithTags("Search");
        group.MapGet("", Search).RequireRateLimiting(RateLimits.Search);
        return group;
    }

    internal static async Task<Ok<SearchResponse>> Search(string? q, string? type, string? sphereId, string? organizationId, string? authorId,
        string? tag, string? from, string? to, string? cursor, int? limit, Viewer viewer, SearchService search, CancellationToken cancellationToken)
    {
        var request = SearchRequest.Parse(q, type, sphereId, organizationId, authorId, tag, from, to, cursor, limit);
        return TypedResults.Ok(await search.SearchAsync(viewer, request, cancellationToken));
    }
}

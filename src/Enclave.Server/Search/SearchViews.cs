using Enclave.Server.Accounts;

namespace Enclave.Server.Search;

/// <summary>
/// One search result. <see cref="Snippet"/> is HTML: the matched text, escaped, with the matching
/// words wrapped in <c>&lt;mark&gt;</c> (the only element it ever contains). For people,
/// <see cref="Author"/> is the person found.
/// </summary>
public sealed record SearchResult(
    string Kind, Guid Id, Guid? PostId, Guid? SphereId, string? SphereName, Guid? OrganizationId,
    UserSummary? Author, string Snippet, DateTime? CreatedAt);

/// <summary>
/// A page of results, best first. <see cref="Total"/> counts every accessible match up to
/// <see cref="SearchService.TotalCap"/>; <see cref="TotalIsLowerBound"/> says when there are more.
/// </summary>
public sealed record SearchResponse(IReadOnlyList<SearchResult> Items, string? NextCursor, int Total, bool TotalIsLowerBound);

/// <summary>A row of the engine's full-text match, before the access gate: what matched and how well.</summary>
public sealed class SearchHit
{
    public string Kind { get; set; } = "";
    public Guid DocumentId { get; set; }
    /// <summary>The sphere of a post or comment document (null for spheres and people).</summary>
    public Guid? SphereId { get; set; }
    public double Rank { get; set; }
}

/// <summary>A highlighted excerpt, with <see cref="Snippets.Open"/>/<see cref="Snippets.Close"/> as markers.</summary>
public sealed class SearchSnippet
{
    public string Kind { get; set; } = "";
    public Guid DocumentId { get; set; }
    public string? Snippet { get; set; }
    public string? Alternative { get; set; }
}

public static class SearchKinds
{
    public const string Post = "post";
    public const string Comment = "comment";
    public const string Sphere = "sphere";
    public const string Person = "person";

    public static readonly IReadOnlyList<string> Content = [Post, Comment];
    public static readonly IReadOnlyList<string> Names = [Sphere, Person];
    public static readonly IReadOnlyList<string> All = [Post, Comment, Sphere, Person];
}

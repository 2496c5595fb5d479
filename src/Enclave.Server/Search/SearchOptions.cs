namespace Enclave.Server.Search;

/// <summary>
/// Configuration section <c>Search</c>: the bounds of the steps in which PostgreSQL reads the newest
/// matches of posts and comments (<see cref="NewestContent"/>, docs/PERFORMANCE.md fix 10). The
/// defaults suit millions of documents; tests lower them to reach every step with a few.
/// </summary>
public sealed class SearchOptions
{
    /// <summary>The first step reads the newest this-many documents of each kind; default 50,000.</summary>
    public int NewestRead { get; set; } = 50_000;

    /// <summary>
    /// Unless the words are rare (<see cref="RareMatches"/>), the second step reads this many more
    /// documents of a kind newest first; the full-text index's matches or the reader's spheres' older
    /// documents, whichever are fewer, give the rest; default 400,000.
    /// </summary>
    public int ContinuedRead { get; set; } = 400_000;

    /// <summary>
    /// Words that PostgreSQL's statistics say match at most this many documents of a kind (over every
    /// sphere) are rare: past the first step, their matches come from the full-text index at once; default 4,000.
    /// </summary>
    public int RareMatches { get; set; } = 4_000;

    /// <summary>
    /// Past the second step, a reader's spheres' older documents are read rather than the full-text
    /// index's matches when they are fewer than twice the matches PostgreSQL's statistics expect
    /// (counted up to this many), or when those expected matches reach half of this; default 1,000,000.
    /// 0: always the spheres' documents.
    /// </summary>
    public int SphereDocuments { get; set; } = 1_000_000;

    /// <summary>
    /// A reader of at most this many spheres has the newest documents read sphere by sphere (through
    /// the sphere index, only their spheres' documents); more spheres, every document newest first by
    /// the primary key, keeping theirs; default 20.
    /// </summary>
    public int SphereBranches { get; set; } = 20;

    /// <summary>How long the step boundaries (the ids of the NewestRead-th and the (NewestRead + ContinuedRead)-th newest document of each kind) are reused; default one minute.</summary>
    public TimeSpan BoundariesFor { get; set; } = TimeSpan.FromMinutes(1);
}

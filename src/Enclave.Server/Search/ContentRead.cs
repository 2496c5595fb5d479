namespace Enclave.Server.Search;

/// <summary>How one statement reads the matches of a kind of content in a reader's spheres (<see cref="NewestContent"/>).</summary>
public enum ContentReadMode
{
    /// <summary>
    /// The kind's documents in the id range, newest first, keeping the matches of the reader's
    /// spheres: by the primary key over every sphere, or sphere by sphere through the (sphere, kind,
    /// document) index merged newest first (<see cref="ContentRead.BySphere"/>).
    /// </summary>
    Newest,

    /// <summary>The reader's spheres' documents, through the (sphere, kind, document) index.</summary>
    Spheres,

    /// <summary>The full-text index's matches of the words, kept when they are in the reader's spheres.</summary>
    Matches,
}

/// <param name="From">Only documents with this id or a newer one, when set (ids grow with time).</param>
/// <param name="Before">Only documents older than this one, when set.</param>
/// <param name="BySphere">For <see cref="ContentReadMode.Newest"/>: sphere by sphere.</param>
public sealed record ContentRead(ContentReadMode Mode, Guid? From = null, Guid? Before = null, bool BySphere = false)
{
    /// <summary>The comment that names the step in the statement, for <c>pg_stat_statements</c>, logs and tests.</summary>
    public string Marker => $"/* search:{(BySphere ? "spherewise" : Mode.ToString().ToLowerInvariant())} */";
}

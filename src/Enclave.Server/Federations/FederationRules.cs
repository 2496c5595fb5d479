namespace Enclave.Server.Federations;

public static class FederationRules
{
    /// <summary>
    /// A federation is at most six levels deep (the root and five levels of daughters): enough
    /// for ministry → directorate → agency → region → department → office, and it keeps every
    /// walk up or down the tree a handful of indexed queries.
    /// </summary>
    public const int MaxDepth = 5;
}

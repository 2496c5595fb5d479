using Enclave.Server.Access;
using Enclave.Server.Federations;
using Enclave.Server.Web;

namespace Enclave.Server.Organizations.Pages;

/// <summary>What the organization pages share: loading through the API's handlers, the federation path, role names.</summary>
public static class OrganizationPages
{
    /// <summary>The organization as the API shows it to this viewer, or null (and status 404) when it is not visible.</summary>
    public static async Task<OrganizationResponse?> GetAsync(Guid id, Viewer viewer, AccessGate gate, HttpContext http)
    {
        try
        {
            return (await OrganizationEndpoints.Get(id, viewer, gate, http.RequestAborted)).Value!;
        }
        catch (ProblemException problem) when (problem.Status is 404 or 401)
        {
            NotFound(http);
            return null;
        }
    }

    /// <summary>
    /// Answers 404 with the page's own not-found view. Blazor drops the body of a page that sets 404
    /// itself (leaving it to the status-code pages, whose re-render in the same request fails), so the
    /// status is set as the headers go out, after the view has rendered.
    /// </summary>
    public static void NotFound(HttpContext http) => Ui.PageStatus.NotFound(http);

    /// <summary>The viewer's federation tree around the organization (only the nodes they may see).</summary>
    public static async Task<TreeNode> TreeAsync(Guid id, Viewer viewer, AccessGate gate, Data.EnclaveDb db, CancellationToken cancellationToken) =>
        (await FederationEndpoints.Tree(id, viewer, gate, db, cancellationToken)).Value!;

    /// <summary>The visible ancestors of <paramref name="id"/>, from the root down (empty when it is the top).</summary>
    public static IReadOnlyList<TreeNode> Ancestors(TreeNode? root, Guid id)
    {
        var path = new List<TreeNode>();
        return root is not null && Find(root, id, path) ? path : [];
    }

    private static bool Find(TreeNode node, Guid id, List<TreeNode> path)
    {
        if (node.Id == id) return true;
        path.Add(node);
        foreach (var child in node.Children)
            if (Find(child, id, path)) return true;
        path.RemoveAt(path.Count - 1);
        return false;
    }

    public static TreeNode? Node(TreeNode? root, Guid id)
    {
        if (root is null) return null;
        if (root.Id == id) return root;
        foreach (var child in root.Children)
            if (Node(child, id) is { } found) return found;
        return null;
    }

    public static int Count(TreeNode node) => 1 + node.Children.Sum(Count);

    public static string RoleName(OrganizationRole? role) => role switch
    {
        OrganizationRole.Manager => "Manager",
        OrganizationRole.Member => "Member",
        OrganizationRole.Visitor => "Visitor",
        _ => "Not a member",
    };

    public static string SignIn(string returnUrl) => $"/signin?returnUrl={Uri.EscapeDataString(returnUrl)}";
}

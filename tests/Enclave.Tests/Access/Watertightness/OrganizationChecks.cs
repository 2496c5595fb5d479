using System.Text.Json.Nodes;
using Enclave.Server.Organizations;

namespace Enclave.Tests.Access.Watertightness;

/// <summary>Every read endpoint of one organization, as one viewer, against the oracle.</summary>
public sealed class OrganizationChecks(Probe probe, Oracle oracle, SphereChecks sphereDescriptions)
{
    private WorldModel W => oracle.World;

    private static Guid Id(JsonNode item) => item["id"]!.GetValue<Guid>();
    private static Guid UserId(JsonNode item) => item["user"]!["id"]!.GetValue<Guid>();

    public string Describe(Persona viewer, ModelOrganization o)
    {
        var t = oracle.Organization(viewer.UserId, o);
        return $"{W.Name(o.Id)}{(o.IsPersonal ? " (personal)" : "")} parent={(o.ParentId is { } p ? W.Name(p) : "none")} hidden={o.HiddenInTree} portal={o.ExternalPortal}" +
               $" charter=v{(o.Charter is null ? "-" : o.CharterVersion)} [viewer: role {t.Role?.ToString() ?? "none"}, expected view {t.View ?? "none"}, charter pending {t.CharterPending}]";
    }

    public async Task CheckAsync(Persona viewer, ModelOrganization o, int limit)
    {
        var t = oracle.Organization(viewer.UserId, o);
        var target = Describe(viewer, o);
        var signedIn = viewer.UserId is not null;
        var path = $"/api/v1/organizations/{o.Id}";

        probe.Cover($"organization {(o.IsPersonal ? "personal " : "")}{t.View ?? "404"}");
        var body = await probe.StatusAsync(viewer, target, path, t.Visible ? 200 : 404);
        if (body is not null)
        {
            var view = body["view"]?.GetValue<string>();
            var role = body["myRole"]?.GetValue<string>();
            var expectedRole = t.Role is { } r ? Probe.Snake(r) : null;
            if (view != t.View || role != expectedRole || body["charterPending"]!.GetValue<bool>() != t.CharterPending)
                probe.Fail(viewer, target, path, $"view={t.View} myRole={expectedRole ?? "null"} charterPending={t.CharterPending}",
                    $"view={view} myRole={role ?? "null"} charterPending={body["charterPending"]}");
        }

        var charter = await probe.StatusAsync(viewer, target, $"{path}/charter", t.Visible ? 200 : 404);
        if (charter is not null)
        {
            var accepted = o.Charter is null || (t.Role is not null && !t.CharterPending);
            if (charter["accepted"]!.GetValue<bool>() != accepted || charter["version"]!.GetValue<int>() != o.CharterVersion)
                probe.Fail(viewer, target, $"{path}/charter", $"accepted={accepted} version={o.CharterVersion}", Probe.Abbreviate(charter));
        }

        var membersStatus = !signedIn ? 401 : !t.Visible ? 404 : oracle.CanListOrganizationMembers(viewer.UserId, o) ? 200 : 403;
        probe.Cover($"organization members {membersStatus}");
        await probe.ListAsync(viewer, target, $"{path}/members", membersStatus,
            signedIn ? oracle.OrganizationMembers(viewer.UserId!.Value, o) : null, UserId, limit);

        await probe.ListAsync(viewer, target, $"{path}/spheres", t.Visible ? 200 : 404, oracle.PortalSpheres(viewer.UserId, o), Id, limit,
            item => CompareMyRole(viewer, $"{path}/spheres", item));
        if (viewer.UserId is { } me && !o.IsPersonal)
            await probe.ListAsync(viewer, target, $"/api/v1/spheres?organizationId={o.Id}", 200,
                oracle.MySpheres(me).Where(id => W.Sphere(id).OrganizationId == o.Id).ToHashSet(), Id, limit);

        var tree = await probe.StatusAsync(viewer, target, $"{path}/tree", t.Visible ? 200 : 404);
        if (tree is not null)
        {
            var actual = new HashSet<Guid>();
            void Walk(JsonNode node)
            {
                actual.Add(Id(node));
                foreach (var child in node["children"]!.AsArray()) Walk(child!);
            }
            Walk(tree);
            var expected = oracle.TreeNodes(viewer.UserId, o);
            var federation = W.RealOrganizations.Where(n => n.RootId == o.RootId).ToList();
            if (expected.Count > 1) probe.Cover("tree with several nodes");
            if (o.IsPersonal) probe.Cover("tree of a personal organization");
            if (federation.Any(n => n.HiddenInTree && expected.Contains(n.Id))) probe.Cover("tree showing a hidden daughter");
            if (federation.Any(n => n.HiddenInTree && !expected.Contains(n.Id)) && expected.Count > 1) probe.Cover("tree leaving out a hidden daughter");
            if (!actual.SetEquals(expected))
                probe.Fail(viewer, target, $"{path}/tree", $"nodes [{string.Join(", ", expected.Select(W.Name).Order())}]",
                    $"nodes [{string.Join(", ", actual.Select(W.Name).Order())}]");
        }

        var staffStatus = !signedIn ? 401 : !t.Visible ? 404 : t.Role == OrganizationRole.Manager ? 200 : 403;
        probe.Cover($"organization staff lists {staffStatus}");
        await probe.ListAsync(viewer, target, $"{path}/invitations", staffStatus, oracle.OrganizationInvitations(o), Id, limit);
        await probe.ListAsync(viewer, target, $"{path}/join-requests", staffStatus, oracle.PendingOrganizationJoinRequests(o), Id, limit);
    }

    /// <summary>The viewer's own lists: spheres, organizations, invitations addressed to them.</summary>
    public async Task CheckMineAsync(Persona viewer, int limit)
    {
        if (viewer.UserId is not { } me)
        {
            foreach (var path in new[] { "/api/v1/spheres", "/api/v1/organizations", "/api/v1/me/invitations" })
                await probe.StatusAsync(viewer, "own lists", path, 401);
            return;
        }
        await probe.ListAsync(viewer, "my spheres", "/api/v1/spheres", 200, oracle.MySpheres(me), Id, limit, item => CompareMyRole(viewer, "/api/v1/spheres", item));
        await probe.ListAsync(viewer, "my organizations", "/api/v1/organizations", 200, oracle.MyOrganizations(me), Id, limit);
        await probe.ListAsync(viewer, "my invitations", "/api/v1/me/invitations", 200, oracle.MyInvitations(me), Id, limit);
    }

    /// <summary>A sphere in a list carries the viewer's role in it (null when they hold none).</summary>
    private void CompareMyRole(Persona viewer, string path, JsonNode item)
    {
        var s = W.Sphere(Id(item));
        if (!oracle.SphereVisible(viewer.UserId, s)) return; // reported by the set comparison
        var expected = oracle.SphereRoleOf(viewer.UserId, s) is { } r ? Probe.Snake(r) : null;
        var actual = item["myRole"]?.GetValue<string>();
        if (expected != actual)
            probe.Fail(viewer, sphereDescriptions.Describe(viewer, s), path, $"myRole={expected ?? "null"}", $"myRole={actual ?? "null"}");
    }

    public async Task CheckUserAsync(Persona viewer, ModelUser other)
    {
        var status = oracle.UserVisible(viewer.UserId, other.Id) ? 200 : 404;
        probe.Cover($"user {status}");
        if (viewer.UserId is { } me && W.GhostRows.Any(g => (g.User == me && W.SphereRowOf(other.Id, g.Sphere) is not null) || (g.User == other.Id && W.SphereRowOf(me, g.Sphere) is not null)))
            probe.Cover("user sharing a sphere only through a stale row");
        await probe.StatusAsync(viewer, W.Name(other.Id), $"/api/v1/users/{other.Id}", status);
    }
}

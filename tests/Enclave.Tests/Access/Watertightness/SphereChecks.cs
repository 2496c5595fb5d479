using System.Text.Json.Nodes;
using Enclave.Server.Spheres;

namespace Enclave.Tests.Access.Watertightness;

/// <summary>Every read endpoint of one sphere, as one viewer, against the oracle.</summary>
public sealed class SphereChecks(Probe probe, Oracle oracle)
{
    private WorldModel W => oracle.World;

    private static Guid Id(JsonNode item) => item["id"]!.GetValue<Guid>();
    private static Guid UserId(JsonNode item) => item["user"]!["id"]!.GetValue<Guid>();
    private static string? Role(SphereRole? role) => role is { } r ? Probe.Snake(r) : null;

    public string Describe(Persona viewer, ModelSphere s)
    {
        var t = oracle.Sphere(viewer.UserId, s);
        var organization = W.Organization(s.OrganizationId);
        return $"{W.Name(s.Id)} listed={s.ListedInPortal} charter=v{(s.Charter is null ? "-" : s.CharterVersion)} in {W.Name(organization.Id)}" +
               $"{(organization.IsPersonal ? " (personal)" : "")} org-charter=v{(organization.Charter is null ? "-" : organization.CharterVersion)}" +
               $" [viewer: org role {W.OrganizationRoleOf(viewer.UserId, s.OrganizationId)?.ToString() ?? "none"}, row {W.SphereRowOf(viewer.UserId, s.Id)?.ToString() ?? "none"}" +
               $"{(viewer.UserId is { } u && W.GhostRows.Contains((s.Id, u)) ? " (ghost)" : "")}, expected role {t.Role?.ToString() ?? "none"}, charter pending {t.CharterPending}]";
    }

    public async Task CheckAsync(Persona viewer, ModelSphere s, Guid memberTarget, ModelGroup? group, int limit)
    {
        var t = oracle.Sphere(viewer.UserId, s);
        var target = Describe(viewer, s);
        var signedIn = viewer.UserId is not null;
        var path = $"/api/v1/spheres/{s.Id}";

        probe.Cover($"sphere {Probe.Snake(s.Type)} {(t.Visible ? 200 : 404)}");
        probe.Cover($"sphere role {Role(t.Role) ?? "none"}{(t.Role is not null && t.CharterPending ? " charter pending" : "")}");
        if (viewer.UserId is { } v && W.GhostRows.Contains((s.Id, v))) probe.Cover("sphere seen through a stale row");
        var body = await probe.StatusAsync(viewer, target, path, t.Visible ? 200 : 404);
        if (body is not null) CompareSphere(viewer, target, path, t, body);

        var membersStatus = !t.Visible || t.Role is null ? 404 : t.CanListMembers ? 200 : 403;
        probe.Cover($"sphere members {membersStatus}");
        if (membersStatus == 200 && W.GhostRows.Any(g => g.Sphere == s.Id)) probe.Cover("sphere members with a stale row");
        if (membersStatus == 200 && s.Type == SphereType.Global && W.SphereRows.Any(kv => kv.Key.Sphere == s.Id && kv.Value == SphereRole.Visitor && !W.GhostRows.Contains(kv.Key)))
            probe.Cover("global sphere members with a visitor row");
        await probe.ListAsync(viewer, target, $"{path}/members", membersStatus, oracle.SphereMembers(s), UserId, limit,
            item => CompareMemberRole(viewer, target, s, item));

        var other = W.Name(memberTarget);
        var self = viewer.UserId == memberTarget;
        int memberStatus = !t.Visible ? 404 : !signedIn ? 401 : !self && t.Role is null ? 404 : !self && !t.CanListMembers ? 403
            : oracle.SphereRoleOf(memberTarget, s) is null ? 404 : 200;
        var member = await probe.StatusAsync(viewer, $"{target} member {other}", $"{path}/members/{memberTarget}", memberStatus);
        if (member is not null) CompareMemberRole(viewer, target, s, member);

        // Members with a charter to accept are told so (403 charter_pending); others do not learn the groups exist (404).
        var groupsOpen = t.Role is not null && !t.CharterPending;
        var groupsClosed = t.Role is not null ? 403 : 404;
        await probe.ListAsync(viewer, target, $"{path}/groups", groupsOpen ? 200 : groupsClosed, oracle.Groups(s), Id, limit);
        if (group is not null)
        {
            // Sometimes a group of another sphere: an id from elsewhere must not open it through this sphere.
            var here = group.SphereId == s.Id;
            var groupStatus = !groupsOpen ? groupsClosed : here ? 200 : 404;
            probe.Cover($"sphere group {(here ? "of this sphere" : "of another sphere")} {groupStatus}");
            await probe.StatusAsync(viewer, $"{target} {W.Name(group.Id)} of {W.Name(group.SphereId)}", $"{path}/groups/{group.Id}", groupStatus);
            await probe.ListAsync(viewer, $"{target} {W.Name(group.Id)} of {W.Name(group.SphereId)}", $"{path}/groups/{group.Id}/members", groupStatus,
                group.MemberIds.ToHashSet(), Id, limit);
        }

        var charter = await probe.StatusAsync(viewer, target, $"{path}/charter", t.Visible ? 200 : 404);
        if (charter is not null)
        {
            var accepted = s.Charter is null || (t.Role is not null && !t.SphereCharterPending);
            if (charter["accepted"]!.GetValue<bool>() != accepted || charter["version"]!.GetValue<int>() != s.CharterVersion)
                probe.Fail(viewer, target, $"{path}/charter", $"accepted={accepted} version={s.CharterVersion}", Probe.Abbreviate(charter));
        }

        var staffStatus = !signedIn ? 401 : !t.Visible ? 404 : t.Role == SphereRole.Administrator ? 200 : 403;
        probe.Cover($"sphere staff lists {staffStatus}");
        await probe.ListAsync(viewer, target, $"{path}/invitations", staffStatus, oracle.SphereInvitations(s), Id, limit);
        await probe.ListAsync(viewer, target, $"{path}/join-requests", staffStatus, oracle.PendingSphereJoinRequests(s), Id, limit);
    }

    private void CompareSphere(Persona viewer, string target, string path, SphereTruth t, JsonNode body)
    {
        var p = body["permissions"]!;
        var expected = new Dictionary<string, object?>
        {
            ["myRole"] = Role(t.Role), ["canRead"] = t.CanRead, ["canPost"] = t.CanPost, ["canComment"] = t.CanComment,
            ["canAdminister"] = t.CanAdminister, ["canListMembers"] = t.CanListMembers, ["canEnter"] = t.CanEnter, ["canLeave"] = t.CanLeave,
        };
        if (t.CharterPendingDefined) expected["charterPending"] = t.CharterPending;
        var actual = new Dictionary<string, object?>
        {
            ["myRole"] = body["myRole"]?.GetValue<string>(), ["canRead"] = p["canRead"]!.GetValue<bool>(), ["canPost"] = p["canPost"]!.GetValue<bool>(),
            ["canComment"] = p["canComment"]!.GetValue<bool>(), ["canAdminister"] = p["canAdminister"]!.GetValue<bool>(),
            ["canListMembers"] = p["canListMembers"]!.GetValue<bool>(), ["canEnter"] = p["canEnter"]!.GetValue<bool>(), ["canLeave"] = p["canLeave"]!.GetValue<bool>(),
        };
        if (t.CharterPendingDefined) actual["charterPending"] = body["charterPending"]!.GetValue<bool>();
        var wrong = expected.Where(kv => !Equals(kv.Value, actual[kv.Key])).Select(kv => kv.Key).ToList();
        if (wrong.Count > 0)
            probe.Fail(viewer, target, path, string.Join(", ", wrong.Select(k => $"{k}={expected[k] ?? "null"}")), string.Join(", ", wrong.Select(k => $"{k}={actual[k] ?? "null"}")));
    }

    private void CompareMemberRole(Persona viewer, string target, ModelSphere s, JsonNode item)
    {
        var userId = UserId(item);
        var expected = Role(oracle.SphereRoleOf(userId, s));
        var actual = item["role"]?.GetValue<string>();
        // Someone who should not be listed at all is reported by the set comparison.
        if (expected is not null && expected != actual) probe.Fail(viewer, target, $"/api/v1/spheres/{s.Id}/members", $"{W.Name(userId)} role {expected ?? "none"}", $"role {actual}");
    }
}

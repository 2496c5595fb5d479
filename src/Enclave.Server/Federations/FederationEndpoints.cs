using Enclave.Server.Audit;
using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Organizations;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Federations;

public sealed record SetParentRequest(Guid? ParentId);

public sealed record FederationRequestResponse(Guid Id, Guid OrganizationId, string OrganizationName, Guid ParentId, string ParentName, FederationRequestStatus Status, DateTime CreatedAt, DateTime? DecidedAt);

/// <summary><c>attached</c> when the caller manages both organizations; otherwise <c>pending</c> until a manager of the mother accepts.</summary>
public sealed record SetParentResponse(string Status, FederationRequestResponse? Request);

public sealed record TreeNode(Guid Id, string Name, string Description, OrganizationRole? MyRole, bool HiddenInTree, IReadOnlyList<TreeNode> Children);

public static class FederationEndpoints
{
    public static RouteGroupBuilder MapFederations(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/organizations/{id:guid}").WithTags("Federations");
        group.MapPut("/parent", SetParent);
        group.MapDelete("/parent", Detach);
        group.MapGet("/federation-requests", ListRequests);
        group.MapPost("/federation-requests/{requestId:guid}/accept", (Guid id, Guid requestId, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, FederationService federation, TimeProvider clock, CancellationToken ct) =>
            Decide(id, requestId, true, viewer, gate, db, audit, federation, clock, ct));
        group.MapPost("/federation-requests/{requestId:guid}/refuse", (Guid id, Guid requestId, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, FederationService federation, TimeProvider clock, CancellationToken ct) =>
            Decide(id, requestId, false, viewer, gate, db, audit, federation, clock, ct));
        group.MapGet("/tree", Tree);
        return group;
    }

    internal static async Task<Ok<SetParentResponse>> SetParent(Guid id, SetParentRequest request, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, FederationService federation, TimeProvider clock, CancellationToken cancellationToken)
    {
        new Validation().Require("parentId", request.ParentId).ThrowIfAny();
        var daughter = await OrganizationEndpoints.RequireManagerAsync(gate, viewer, id, cancellationToken);
        var parentId = request.ParentId!.Value;
        var parent = await gate.OrganizationAsync(viewer, parentId, cancellationToken);
        if (daughter.Organization.IsPersonal || parent.Organization.IsPersonal)
            throw ProblemException.Unprocessable("personal_organization", "Personal organizations do not join federations.");
        if (daughter.Organization.ParentId == parentId) throw ProblemException.Conflict("already_attached", "The organization is already attached there.");
        if (daughter.Organization.ParentId is not null) throw ProblemException.Conflict("already_attached", "Detach the organization from its current mother first.");
        await federation.CheckAttachAsync(id, parentId, cancellationToken);
        if (parent.IsManager)
        {
            RecordFederation(audit, viewer.Id, id, parentId, "attached");
            await db.InTransactionAsync(() => federation.AttachAsync(id, parentId, cancellationToken), cancellationToken);
            return TypedResults.Ok(new SetParentResponse("attached", null));
        }
        if (await db.FederationRequests.AnyAsync(r => r.OrganizationId == id && r.ParentId == parentId && r.Status == FederationRequestStatus.Pending, cancellationToken))
            throw ProblemException.Conflict("already_requested", "A request to attach there is already pending.");
        var pending = new FederationRequest { Id = Ids.New(), OrganizationId = id, ParentId = parentId, RequestedById = viewer.Id, Status = FederationRequestStatus.Pending, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.FederationRequests.Add(pending);
        RecordFederation(audit, viewer.Id, id, parentId, "requested");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new SetParentResponse("pending", await ViewAsync(db, pending.Id, cancellationToken)));
    }

    /// <summary>A manager of the daughter or of its mother detaches the daughter.</summary>
    internal static async Task<NoContent> Detach(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, FederationService federation, CancellationToken cancellationToken)
    {
        var daughter = await gate.OrganizationAsync(viewer, id, cancellationToken);
        if (daughter.Organization.ParentId is not { } parentId) throw ProblemException.Conflict("not_attached", "The organization has no mother.");
        if (!daughter.IsManager && await gate.OrganizationRoleAsync(viewer.Id, parentId, cancellationToken) != OrganizationRole.Manager)
            throw ProblemException.Forbidden("not_manager", "Only managers of the organization or of its mother can detach it.");
        RecordFederation(audit, viewer.Id, id, parentId, "detached");
        await db.InTransactionAsync(() => federation.DetachAsync(id, cancellationToken), cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Pending requests to attach under this organization, and this organization's own requests.</summary>
    internal static async Task<Ok<Page<FederationRequestResponse>>> ListRequests(Guid id, string? cursor, int? limit, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        await OrganizationEndpoints.RequireManagerAsync(gate, viewer, id, cancellationToken);
        var query = Rows(db).Where(r => (r.Request.ParentId == id || r.Request.OrganizationId == id) && r.Request.Status == FederationRequestStatus.Pending);
        return TypedResults.Ok(await query.ToPageAsync(r => r.Id, cursor, limit, ToResponse, cancellationToken));
    }

    internal static async Task<Ok<FederationRequestResponse>> Decide(Guid id, Guid requestId, bool accept, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, FederationService federation, TimeProvider clock, CancellationToken cancellationToken)
    {
        await OrganizationEndpoints.RequireManagerAsync(gate, viewer, id, cancellationToken);
        var request = await db.FederationRequests.FirstOrDefaultAsync(r => r.Id == requestId && r.ParentId == id, cancellationToken)
            ?? throw ProblemException.NotFound("federation request");
        if (request.Status != FederationRequestStatus.Pending) throw ProblemException.Conflict("already_decided", "This request was already decided.");
        await db.InTransactionAsync(async () =>
        {
            if (accept)
            {
                if (await db.Organizations.AnyAsync(o => o.Id == request.OrganizationId && o.ParentId != null, cancellationToken))
                    throw ProblemException.Conflict("already_attached", "The organization was attached elsewhere meanwhile.");
                await federation.AttachAsync(request.OrganizationId, id, cancellationToken);
            }
            RecordFederation(audit, viewer.Id, request.OrganizationId, id, accept ? "request_accepted" : "request_refused");
            await db.FederationRequests.Where(r => r.Id == requestId).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, accept ? FederationRequestStatus.Accepted : FederationRequestStatus.Refused)
                .SetProperty(r => r.DecidedAt, clock.GetUtcNow().UtcDateTime).SetProperty(r => r.DecidedById, viewer.Id), cancellationToken);
        }, cancellationToken);
        return TypedResults.Ok(await ViewAsync(db, requestId, cancellationToken));
    }

    /// <summary>The federation as the viewer may see it, from its root. Nodes hidden from the viewer are left out with their subtrees.</summary>
    internal static async Task<Ok<TreeNode>> Tree(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        var access = await gate.OrganizationAsync(viewer, id, cancellationToken);
        // A personal organization belongs to no federation: its tree is itself (the owner is the only one who sees it).
        if (access.Organization.IsPersonal)
            return TypedResults.Ok(new TreeNode(id, access.Organization.Name, access.Organization.Description, access.Role, false, []));
        var nodes = await FederationVisibility.LoadAsync(db, access.Organization.RootId, cancellationToken);
        var visible = viewer.IsSignedIn ? await FederationVisibility.VisibleAsync(db, viewer.Id, nodes, cancellationToken) : [];
        // Seen from outside the federation (external portal, visitor), or hidden from this viewer:
        // the node alone, so that the tree around a hidden daughter does not leak through its portal.
        if (!visible.Contains(id)) visible = [id];
        var roles = viewer.IsSignedIn
            ? await db.OrganizationMembers.AsNoTracking().Where(m => m.UserId == viewer.UserId && visible.Contains(m.OrganizationId))
                .ToDictionaryAsync(m => m.OrganizationId, m => m.Role, cancellationToken)
            : [];
        var byParent = nodes.Where(n => visible.Contains(n.Id)).ToLookup(n => NearestVisibleAncestor(n, nodes, visible));
        TreeNode Build(FederationNode n) => new(n.Id, n.Name, n.Description, roles.TryGetValue(n.Id, out var r) ? r : null,
            roles.ContainsKey(n.Id) && n.HiddenInTree, byParent[n.Id].Select(Build).ToList());
        // Normally the root; when the viewer does not see the root (an outsider on a portal), the organization asked for.
        var tops = byParent[null].ToList();
        // A personal organization is never part of a federation (nor of the loaded nodes): it is a tree of one.
        var o = access.Organization;
        var top = tops.Count == 1 ? tops[0] : nodes.FirstOrDefault(n => n.Id == id) ?? new FederationNode(o.Id, null, o.Name, o.Description, o.HiddenInTree);
        return TypedResults.Ok(Build(top));
    }

    private static Guid? NearestVisibleAncestor(FederationNode node, IReadOnlyList<FederationNode> nodes, HashSet<Guid> visible)
    {
        var parentId = node.ParentId;
        while (parentId is { } p && !visible.Contains(p)) parentId = nodes.FirstOrDefault(n => n.Id == p)?.ParentId;
        return parentId;
    }

    private sealed class Row
    {
        public Guid Id { get; init; }
        public required FederationRequest Request { get; init; }
        public required string OrganizationName { get; init; }
        public required string ParentName { get; init; }
    }

    private static IQueryable<Row> Rows(EnclaveDb db) =>
        from r in db.FederationRequests.AsNoTracking()
        join o in db.Organizations on r.OrganizationId equals o.Id
        join p in db.Organizations on r.ParentId equals p.Id
        select new Row { Id = r.Id, Request = r, OrganizationName = o.Name, ParentName = p.Name };

    private static FederationRequestResponse ToResponse(Row x) =>
        new(x.Id, x.Request.OrganizationId, x.OrganizationName, x.Request.ParentId, x.ParentName, x.Request.Status, x.Request.CreatedAt, x.Request.DecidedAt);

    /// <summary>One entry for each side, so the managers of the daughter and of the mother both find it in their trail.</summary>
    private static void RecordFederation(AuditLog audit, Guid actorId, Guid daughterId, Guid parentId, string what)
    {
        audit.Record(AuditActions.FederationChanged, actorId, new AuditTarget(OrganizationId: daughterId, TargetType: "organization", TargetId: parentId, Detail: $"{what}:mother"));
        audit.Record(AuditActions.FederationChanged, actorId, new AuditTarget(OrganizationId: parentId, TargetType: "organization", TargetId: daughterId, Detail: $"{what}:daughter"));
    }

    internal static async Task<FederationRequestResponse> ViewAsync(EnclaveDb db, Guid id, CancellationToken cancellationToken) =>
        ToResponse(await Rows(db).FirstAsync(r => r.Id == id, cancellationToken));
}

using Enclave.Server.Audit;
using Enclave.Server.Access;
using Enclave.Server.Accounts;
using Enclave.Server.Data;
using Enclave.Server.Notifications;
using Enclave.Server.Organizations;
using Enclave.Server.Spheres;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Memberships;

public sealed record JoinRequestBody(string? Message);

public sealed record JoinRequestResponse(Guid Id, Guid OrganizationId, Guid? SphereId, UserSummary User, string Message, JoinRequestStatus Status, DateTime CreatedAt, DateTime? DecidedAt);

/// <summary>
/// Asking to join: outsiders ask an organization (from its external portal or its federation),
/// members ask a sphere listed in the portal. Organization managers or sphere administrators decide.
/// </summary>
public static class JoinRequestEndpoints
{
    public static void MapJoinRequests(this RouteGroupBuilder api)
    {
        api.MapForBoth("join-requests", "Join requests", (group, resolve) =>
        {
            group.MapPost("/", (Guid id, JoinRequestBody body, Viewer viewer, AccessGate gate, EnclaveDb db, TimeProvider clock, CancellationToken ct) =>
                CreateAsync(resolve, id, body, viewer, gate, db, clock, ct));
            group.MapGet("/", (Guid id, string? status, string? cursor, int? limit, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken ct) =>
                ListAsync(resolve, id, status, cursor, limit, viewer, gate, db, ct));
            group.MapPost("/{requestId:guid}/approve", (Guid id, Guid requestId, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, MembershipService memberships, Notifier notifier, TimeProvider clock, CancellationToken ct) =>
                DecideAsync(resolve, id, requestId, approve: true, viewer, gate, db, audit, memberships, notifier, clock, ct));
            group.MapPost("/{requestId:guid}/refuse", (Guid id, Guid requestId, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, MembershipService memberships, Notifier notifier, TimeProvider clock, CancellationToken ct) =>
                DecideAsync(resolve, id, requestId, approve: false, viewer, gate, db, audit, memberships, notifier, clock, ct));
        });
        api.MapGet("/me/join-requests", async (string? cursor, int? limit, Viewer viewer, EnclaveDb db, CancellationToken ct) =>
        {
            var userId = viewer.Id;
            return TypedResults.Ok(await Rows(db).Where(x => x.Request.UserId == userId).ToPageAsync(x => x.Id, cursor, limit, ToResponse, ct));
        }).WithTags("Join requests");
        api.MapDelete("/join-requests/{id:guid}", async (Guid id, Viewer viewer, EnclaveDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var userId = viewer.Id;
            var cancelled = await db.JoinRequests.Where(r => r.Id == id && r.UserId == userId && r.Status == JoinRequestStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, JoinRequestStatus.Cancelled).SetProperty(r => r.DecidedAt, clock.GetUtcNow().UtcDateTime), ct);
            if (cancelled == 0) throw ProblemException.NotFound("join request");
            return TypedResults.NoContent();
        }).WithTags("Join requests");
    }

    /// <summary>Asks to join an organization (an outsider) or a sphere listed in the portal (a member).</summary>
    internal static async Task<Created<JoinRequestResponse>> CreateAsync(
        Func<AccessGate, Viewer, Guid, CancellationToken, Task<MembershipTarget>> resolve, Guid id, JoinRequestBody body,
        Viewer viewer, AccessGate gate, EnclaveDb db, TimeProvider clock, CancellationToken ct)
    {
        new Validation().OptionalText("message", body.Message, 1000).ThrowIfAny();
        var target = await resolve(gate, viewer, id, ct);
        var allowed = target.Sphere?.CanRequestToJoin ?? target.Organization!.CanRequestToJoin;
        if (!allowed)
        {
            if (target.Sphere?.IsMember ?? target.Organization!.Role is not null)
                throw ProblemException.Conflict("already_member", "You are already a member.");
            throw ProblemException.Forbidden("cannot_request", "You cannot ask to join here.");
        }
        var userId = viewer.Id;
        var request = new JoinRequest
        {
            Id = Ids.New(), OrganizationId = target.OrganizationId, SphereId = target.SphereId, UserId = userId,
            Message = body.Message?.Trim() ?? "", Status = JoinRequestStatus.Pending, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        await db.InTransactionAsync(async () =>
        {
            await target.LockAsync(db, ct);
            if (await db.JoinRequests.AnyAsync(r => r.OrganizationId == target.OrganizationId && r.SphereId == target.SphereId && r.UserId == userId && r.Status == JoinRequestStatus.Pending, ct))
                throw ProblemException.Conflict("already_requested", "You already asked to join; wait for the decision.");
            db.JoinRequests.Add(request);
        }, ct);
        return TypedResults.Created($"/api/v1/join-requests/{request.Id}", await ViewAsync(db, request.Id, ct));
    }

    /// <summary>The join requests of an organization or sphere (pending by default), for its staff.</summary>
    internal static async Task<Ok<Page<JoinRequestResponse>>> ListAsync(
        Func<AccessGate, Viewer, Guid, CancellationToken, Task<MembershipTarget>> resolve, Guid id, string? status, string? cursor, int? limit,
        Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken ct)
    {
        var wanted = QueryEnum.Parse<JoinRequestStatus>("status", status) ?? JoinRequestStatus.Pending;
        var target = (await resolve(gate, viewer, id, ct)).RequireStaff();
        var query = Rows(db).Where(x => x.Request.OrganizationId == target.OrganizationId && x.Request.SphereId == target.SphereId && x.Request.Status == wanted);
        return TypedResults.Ok(await query.ToPageAsync(x => x.Id, cursor, limit, ToResponse, ct));
    }

    internal static async Task<Ok<JoinRequestResponse>> DecideAsync(
        Func<AccessGate, Viewer, Guid, CancellationToken, Task<MembershipTarget>> resolve, Guid id, Guid requestId, bool approve,
        Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, MembershipService memberships, Notifier notifier, TimeProvider clock, CancellationToken cancellationToken)
    {
        var target = (await resolve(gate, viewer, id, cancellationToken)).RequireStaff();
        var request = await db.JoinRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == requestId && r.OrganizationId == target.OrganizationId && r.SphereId == target.SphereId, cancellationToken)
            ?? throw ProblemException.NotFound("join request");
        var now = clock.GetUtcNow().UtcDateTime;
        var deciderId = viewer.Id;
        await db.InTransactionAsync(async () =>
        {
            var decided = await db.JoinRequests.Where(r => r.Id == requestId && r.Status == JoinRequestStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, approve ? JoinRequestStatus.Approved : JoinRequestStatus.Refused)
                    .SetProperty(r => r.DecidedAt, now).SetProperty(r => r.DecidedById, deciderId), cancellationToken);
            if (decided == 0) throw ProblemException.Conflict("already_decided", "This request was already decided or cancelled.");
            audit.Record(approve ? AuditActions.JoinRequestApproved : AuditActions.JoinRequestRefused, deciderId,
                new AuditTarget(request.UserId, request.OrganizationId, request.SphereId, "join_request", requestId));
            if (!approve) return;
            if (target.Sphere is { } sphere)
            {
                var orgRole = await gate.OrganizationRoleAsync(request.UserId, sphere.Sphere.OrganizationId, cancellationToken);
                if (orgRole is null && !sphere.Organization.IsPersonal)
                    throw ProblemException.Conflict("not_in_organization", "This person no longer belongs to the organization.");
                await memberships.AddToSphereAsync(sphere.Sphere, request.UserId, orgRole == OrganizationRole.Visitor ? SphereRole.Visitor : SphereRole.Member, cancellationToken);
            }
            else
            {
                await memberships.AddToOrganizationAsync(target.OrganizationId, request.UserId, OrganizationRole.Member, cancellationToken);
            }
        }, cancellationToken);
        // The requester learns the outcome; the notification names no sphere content, only the decision.
        await notifier.NotifyAsync([request.UserId], NotificationKind.JoinRequestDecided, deciderId, request.OrganizationId, null, null, null, requestId, cancellationToken);
        return TypedResults.Ok(await ViewAsync(db, requestId, cancellationToken));
    }

    private sealed class Row
    {
        public Guid Id { get; init; }
        public required JoinRequest Request { get; init; }
        public required User User { get; init; }
    }

    private static IQueryable<Row> Rows(EnclaveDb db) =>
        from r in db.JoinRequests.AsNoTracking()
        join u in db.Users.AsNoTracking() on r.UserId equals u.Id
        select new Row { Id = r.Id, Request = r, User = u };

    private static JoinRequestResponse ToResponse(Row x) =>
        new(x.Id, x.Request.OrganizationId, x.Request.SphereId, UserSummary.From(x.User), x.Request.Message, x.Request.Status, x.Request.CreatedAt, x.Request.DecidedAt);

    internal static async Task<JoinRequestResponse> ViewAsync(EnclaveDb db, Guid id, CancellationToken cancellationToken) =>
        ToResponse(await Rows(db).FirstAsync(x => x.Id == id, cancellationToken));
}

using System.Text.RegularExpressions;
using Enclave.Server.Access;
using Enclave.Server.Accounts;
using Enclave.Server.Data;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Spheres;

public sealed record GroupRequest(string? Name, string? Handle);

public sealed record GroupResponse(Guid Id, Guid SphereId, string Name, string Handle, int MemberCount, DateTime CreatedAt);

/// <summary>Named groups of sphere members, addressed as <c>@@handle</c>. Members see them; administrators manage them.</summary>
public static partial class SphereGroupEndpoints
{
    public static RouteGroupBuilder MapSphereGroups(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/spheres/{id:guid}/groups").WithTags("Sphere groups");
        group.MapPost("/", Create);
        group.MapGet("/", List);
        group.MapGet("/{groupId:guid}", Get);
        group.MapPatch("/{groupId:guid}", Update);
        group.MapDelete("/{groupId:guid}", Delete);
        group.MapGet("/{groupId:guid}/members", Members);
        group.MapPut("/{groupId:guid}/members/{userId:guid}", AddMember);
        group.MapDelete("/{groupId:guid}/members/{userId:guid}", RemoveMember);
        return group;
    }

    internal static async Task<Created<GroupResponse>> Create(Guid id, GroupRequest request, Viewer viewer, AccessGate gate, EnclaveDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var access = await SphereEndpoints.RequireAdministratorAsync(gate, viewer, id, cancellationToken);
        var handle = Validate(request, requireName: true);
        if (await db.SphereGroups.AnyAsync(g => g.SphereId == id && g.Handle == handle, cancellationToken))
            throw HandleTaken();
        var group = new SphereGroup { Id = Ids.New(), OrganizationId = access.Sphere.OrganizationId, SphereId = id, Name = request.Name!.Trim(), Handle = handle!, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.SphereGroups.Add(group);
        await SaveHandleAsync(db, id, group.Id, handle!, cancellationToken);
        return TypedResults.Created($"/api/v1/spheres/{id}/groups/{group.Id}", new GroupResponse(group.Id, id, group.Name, group.Handle, 0, group.CreatedAt));
    }

    internal static async Task<Ok<Page<GroupResponse>>> List(Guid id, string? cursor, int? limit, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        await RequireReaderAsync(gate, viewer, id, cancellationToken);
        var query = db.SphereGroups.AsNoTracking().Where(g => g.SphereId == id)
            .Select(g => new { g.Id, Group = g, Count = db.SphereGroupMembers.Count(m => m.GroupId == g.Id) });
        return TypedResults.Ok(await query.ToPageAsync(g => g.Id, cursor, limit,
            x => new GroupResponse(x.Id, x.Group.SphereId, x.Group.Name, x.Group.Handle, x.Count, x.Group.CreatedAt), cancellationToken));
    }

    internal static async Task<Ok<GroupResponse>> Get(Guid id, Guid groupId, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        await RequireReaderAsync(gate, viewer, id, cancellationToken);
        return TypedResults.Ok(await FindAsync(db, id, groupId, cancellationToken));
    }

    internal static async Task<Ok<GroupResponse>> Update(Guid id, Guid groupId, GroupRequest request, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        await SphereEndpoints.RequireAdministratorAsync(gate, viewer, id, cancellationToken);
        var handle = Validate(request, requireName: false);
        var group = await db.SphereGroups.FirstOrDefaultAsync(g => g.Id == groupId && g.SphereId == id, cancellationToken) ?? throw ProblemException.NotFound("group");
        if (request.Handle is not null && handle != group.Handle &&
            await db.SphereGroups.AnyAsync(g => g.SphereId == id && g.Handle == handle, cancellationToken))
            throw HandleTaken();
        if (request.Name is not null) group.Name = request.Name.Trim();
        if (request.Handle is not null) group.Handle = handle!;
        await SaveHandleAsync(db, id, group.Id, group.Handle, cancellationToken);
        return TypedResults.Ok(await FindAsync(db, id, groupId, cancellationToken));
    }

    internal static async Task<NoContent> Delete(Guid id, Guid groupId, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        await SphereEndpoints.RequireAdministratorAsync(gate, viewer, id, cancellationToken);
        var deleted = await db.SphereGroups.Where(g => g.Id == groupId && g.SphereId == id).ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0) throw ProblemException.NotFound("group");
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<Page<UserSummary>>> Members(Guid id, Guid groupId, string? cursor, int? limit, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        await RequireReaderAsync(gate, viewer, id, cancellationToken);
        await FindAsync(db, id, groupId, cancellationToken);
        var query = from m in db.SphereGroupMembers.AsNoTracking()
                    join u in db.Users.AsNoTracking() on m.UserId equals u.Id
                    where m.GroupId == groupId && u.ClosedAt == null
                    select new { m.Id, User = u };
        return TypedResults.Ok(await query.ToPageAsync(x => x.Id, cursor, limit, x => UserSummary.From(x.User), cancellationToken));
    }

    internal static async Task<NoContent> AddMember(Guid id, Guid groupId, Guid userId, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        var access = await SphereEndpoints.RequireAdministratorAsync(gate, viewer, id, cancellationToken);
        await FindAsync(db, id, groupId, cancellationToken);
        if (await SphereMemberEndpoints.RoleOfAsync(gate, access, userId, cancellationToken) is null)
            throw ProblemException.Unprocessable("not_sphere_member", "Only members of the sphere can join its groups.",
                new Dictionary<string, string[]> { ["userId"] = ["is not a member of this sphere."] });
        if (await db.SphereGroupMembers.AnyAsync(m => m.GroupId == groupId && m.UserId == userId, cancellationToken))
            return TypedResults.NoContent();
        db.SphereGroupMembers.Add(new SphereGroupMember { Id = Ids.New(), OrganizationId = access.Sphere.OrganizationId, SphereId = id, GroupId = groupId, UserId = userId });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same addition raced this one and won the unique index: the person is in the group, as asked.
            if (!await db.SphereGroupMembers.AsNoTracking().AnyAsync(m => m.GroupId == groupId && m.UserId == userId, cancellationToken)) throw;
        }
        return TypedResults.NoContent();
    }

    internal static async Task<NoContent> RemoveMember(Guid id, Guid groupId, Guid userId, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        await SphereEndpoints.RequireAdministratorAsync(gate, viewer, id, cancellationToken);
        var removed = await db.SphereGroupMembers.Where(m => m.GroupId == groupId && m.SphereId == id && m.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        if (removed == 0) throw ProblemException.NotFound("group member");
        return TypedResults.NoContent();
    }

    private static ProblemException HandleTaken() =>
        new(409, "handle_taken", "Another group of this sphere uses this handle.", new Dictionary<string, string[]> { ["handle"] = ["is already used in this sphere."] });

    /// <summary>Saves, turning a lost race on the (sphere, handle) unique index into the same 409 as the check before it.</summary>
    private static async Task SaveHandleAsync(EnclaveDb db, Guid sphereId, Guid groupId, string handle, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await db.SphereGroups.AnyAsync(g => g.SphereId == sphereId && g.Handle == handle && g.Id != groupId, cancellationToken)) throw HandleTaken();
            throw;
        }
    }

    private static async Task RequireReaderAsync(AccessGate gate, Viewer viewer, Guid id, CancellationToken cancellationToken)
    {
        var access = await gate.SphereAsync(viewer, id, cancellationToken);
        if (!access.IsMember) throw ProblemException.NotFound("sphere");
        if (access.CharterPending) throw SphereMemberEndpoints.CharterPending();
    }

    internal static async Task<GroupResponse> FindAsync(EnclaveDb db, Guid sphereId, Guid groupId, CancellationToken cancellationToken) =>
        await db.SphereGroups.AsNoTracking().Where(g => g.Id == groupId && g.SphereId == sphereId)
            .Select(g => new GroupResponse(g.Id, g.SphereId, g.Name, g.Handle, db.SphereGroupMembers.Count(m => m.GroupId == g.Id), g.CreatedAt))
            .FirstOrDefaultAsync(cancellationToken) ?? throw ProblemException.NotFound("group");

    /// <summary>Validates name and handle; the handle defaults to the name in lower case with spaces as dashes.</summary>
    private static string? Validate(GroupRequest request, bool requireName)
    {
        var v = new Validation();
        if (requireName || request.Name is not null) v.Text("name", request.Name, 2, 100);
        var handle = (request.Handle ?? (requireName ? request.Name : null))?.Trim().ToLowerInvariant().Replace(' ', '-');
        if ((requireName || request.Handle is not null) && (handle is null || !HandlePattern().IsMatch(handle)))
            v.Add("handle", "must be 2 to 40 lower-case letters, digits, '_' or '-'.");
        v.ThrowIfAny();
        return handle;
    }

    [GeneratedRegex("^[a-z0-9_-]{2,40}$")]
    private static partial Regex HandlePattern();
}

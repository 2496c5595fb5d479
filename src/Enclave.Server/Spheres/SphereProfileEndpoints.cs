using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Files;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Spheres;

public sealed record SphereProfileRequest(string? Bio);

public sealed record SphereProfileResponse(Guid SphereId, string? Bio, bool HasAvatar);

/// <summary>A member's own bio and avatar for one sphere, overriding the account's defaults there.</summary>
public static class SphereProfileEndpoints
{
    public static RouteGroupBuilder MapSphereProfiles(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/spheres/{id:guid}").WithTags("Sphere members");
        group.MapGet("/profile", Get);
        group.MapPut("/profile", SetBio);
        group.MapDelete("/profile", Reset);
        group.MapPut("/profile/avatar", SetAvatar).WithMetadata(new RequestSizeLimit(AvatarUpload.MaxBytes + 4096));
        group.MapGet("/members/{userId:guid}/avatar", Avatar).Produces(200, contentType: "image/png", additionalContentTypes: ["image/jpeg", "image/gif", "image/webp"]);
        return group;
    }

    internal static async Task<(SphereAccess Access, SphereProfile Profile)> MineAsync(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        var access = await gate.SphereAsync(viewer, id, cancellationToken);
        if (!access.IsMember) throw ProblemException.NotFound("sphere");
        var userId = viewer.Id;
        var profile = await db.SphereProfiles.FirstOrDefaultAsync(p => p.SphereId == id && p.UserId == userId, cancellationToken);
        if (profile is null)
        {
            profile = new SphereProfile { Id = Ids.New(), OrganizationId = access.Sphere.OrganizationId, SphereId = id, UserId = userId };
            db.SphereProfiles.Add(profile);
        }
        return (access, profile);
    }

    internal static async Task<Ok<SphereProfileResponse>> Get(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        var (_, profile) = await MineAsync(id, viewer, gate, db, cancellationToken);
        // A read leaves nothing pending: a later write in the same request (a web page) would save this empty profile twice.
        if (db.Entry(profile).State == EntityState.Added) db.Entry(profile).State = EntityState.Detached;
        return TypedResults.Ok(new SphereProfileResponse(id, profile.Bio, profile.AvatarKey is not null));
    }

    internal static async Task<Ok<SphereProfileResponse>> SetBio(Guid id, SphereProfileRequest request, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        new Validation().OptionalText("bio", request.Bio, 2000).ThrowIfAny();
        var (_, profile) = await MineAsync(id, viewer, gate, db, cancellationToken);
        profile.Bio = string.IsNullOrWhiteSpace(request.Bio) ? null : request.Bio.Trim();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new SphereProfileResponse(id, profile.Bio, profile.AvatarKey is not null));
    }

    internal static async Task<NoContent> Reset(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, IBlobStore blobs, CancellationToken cancellationToken)
    {
        var (access, profile) = await MineAsync(id, viewer, gate, db, cancellationToken);
        if (db.Entry(profile).State != EntityState.Added)
        {
            db.SphereProfiles.Remove(profile);
            await db.SaveChangesAsync(cancellationToken);
            if (profile.AvatarKey is not null) await blobs.DeleteAsync(access.Sphere.OrganizationId, profile.AvatarKey, cancellationToken);
        }
        return TypedResults.NoContent();
    }

    internal static Task<Ok<SphereProfileResponse>> SetAvatar(Guid id, HttpRequest request, Viewer viewer, AccessGate gate, EnclaveDb db, IBlobStore blobs, CancellationToken cancellationToken) =>
        SetAvatarAsync(id, ct => AvatarUpload.ReadAsync(request, ct), viewer, gate, db, blobs, cancellationToken);

    /// <summary>Sets the avatar read by <paramref name="read"/> (the request body for the API, a form's file for the web page), after the gate's check.</summary>
    internal static async Task<Ok<SphereProfileResponse>> SetAvatarAsync(Guid id, Func<CancellationToken, Task<(byte[] Bytes, string ContentType)>> read,
        Viewer viewer, AccessGate gate, EnclaveDb db, IBlobStore blobs, CancellationToken cancellationToken)
    {
        var (access, profile) = await MineAsync(id, viewer, gate, db, cancellationToken);
        var (bytes, contentType) = await read(cancellationToken);
        var key = await blobs.PutAsync(access.Sphere.OrganizationId, new MemoryStream(bytes), cancellationToken);
        var previous = profile.AvatarKey;
        profile.AvatarKey = key;
        profile.AvatarContentType = contentType;
        await db.SaveChangesAsync(cancellationToken);
        if (previous is not null) await blobs.DeleteAsync(access.Sphere.OrganizationId, previous, cancellationToken);
        return TypedResults.Ok(new SphereProfileResponse(id, profile.Bio, true));
    }

    /// <summary>The avatar a member shows in this sphere: the sphere's override, or their default. Readers of the sphere only.</summary>
    internal static async Task<IResult> Avatar(Guid id, Guid userId, Viewer viewer, AccessGate gate, EnclaveDb db, IBlobStore blobs, HttpResponse response, CancellationToken cancellationToken)
    {
        var access = await gate.SphereAsync(viewer, id, cancellationToken);
        if (!access.CanRead) throw ProblemException.NotFound("sphere");
        if (await SphereMemberEndpoints.RoleOfAsync(gate, access, userId, cancellationToken) is null) throw ProblemException.NotFound("member");
        var profile = await db.SphereProfiles.AsNoTracking().FirstOrDefaultAsync(p => p.SphereId == id && p.UserId == userId, cancellationToken);
        if (profile?.AvatarKey is not null)
            return await AvatarUpload.ServeAsync(blobs, access.Sphere.OrganizationId, profile.AvatarKey, profile.AvatarContentType, response, cancellationToken);
        var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == userId, cancellationToken);
        return await AvatarUpload.ServeAsync(blobs, user.PersonalOrganizationId, user.AvatarKey, user.AvatarContentType, response, cancellationToken);
    }
}

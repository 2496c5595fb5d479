using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Files;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Accounts;

/// <summary>Other people's profiles, shown only to those who share an organization or a sphere with them (404 otherwise).</summary>
public static class UserEndpoints
{
    public static RouteGroupBuilder MapUsers(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/users").WithTags("People");
        group.MapGet("/{id:guid}", Get);
        group.MapGet("/{id:guid}/avatar", Avatar).Produces(200, contentType: "image/png", additionalContentTypes: ["image/jpeg", "image/gif", "image/webp"]);
        return group;
    }

    internal static async Task<Ok<UserSummary>> Get(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        if (!await gate.CanSeeUserAsync(viewer, id, cancellationToken)) throw ProblemException.NotFound("person");
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id && u.ClosedAt == null, cancellationToken) ?? throw ProblemException.NotFound("person");
        return TypedResults.Ok(UserSummary.From(user));
    }

    internal static async Task<IResult> Avatar(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, IBlobStore blobs, HttpResponse response, CancellationToken cancellationToken)
    {
        if (!await gate.CanSeeUserAsync(viewer, id, cancellationToken)) throw ProblemException.NotFound("person");
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken) ?? throw ProblemException.NotFound("person");
        return await AvatarUpload.ServeAsync(blobs, user.PersonalOrganizationId, user.AvatarKey, user.AvatarContentType, response, cancellationToken);
    }
}

using System.Net;
using System.Net.Http.Headers;
using Enclave.Server.Spheres;
using Enclave.Tests.Support;
using static Enclave.Tests.Spheres.SphereTestWorld;

namespace Enclave.Tests.Spheres;

/// <summary>A member's bio and avatar inside one sphere, overriding the account's defaults there only.</summary>
public sealed class SphereProfileEndpointsTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4];

    private static Task<HttpResponseMessage> PutAvatar(Api api, Guid sphere, byte[] body, string contentType = "image/png")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return api.Http.PutAsync(S(sphere, "/profile/avatar"), content);
    }

    [Theory, Engines]
    public async Task A_sphere_bio_overrides_the_default_bio_in_that_sphere_only(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, org, members) = await app.OrganizationWithMembersAsync();
        var alice = members[0];
        await alice.PatchOkAsync($"{V1}/me", new { bio = "Default bio" });
        var sales = await manager.CreateSphereAsync(org);
        var other = await manager.CreateSphereAsync(org);
        await manager.InviteAndAcceptAsync(S(sales), alice);
        await manager.InviteAndAcceptAsync(S(other), alice);
        var saved = await alice.PutOkAsync(S(sales, "/profile"), new { bio = "  Sales lead  " });
        Assert.Equal("Sales lead", Str(saved, "bio"));
        Assert.Equal("Sales lead", Str(await manager.GetOkAsync(S(sales, $"/members/{alice.UserId}")), "bio"));
        Assert.Equal("Default bio", Str(await manager.GetOkAsync(S(other, $"/members/{alice.UserId}")), "bio"));
        var listed = (await manager.GetOkAsync(S(sales, "/members"))).AsObject()["items"]!.AsArray()
            .Single(m => m!["user"]!["id"]!.GetValue<Guid>() == alice.UserId)!;
        Assert.Equal("Sales lead", Str(listed, "bio"));
        Assert.Equal("Sales lead", Str(await alice.GetOkAsync(S(sales, "/profile")), "bio"));
        await alice.DeleteOkAsync(S(sales, "/profile"));
        Assert.Equal("Default bio", Str(await manager.GetOkAsync(S(sales, $"/members/{alice.UserId}")), "bio"));
    }

    [Theory, Engines]
    public async Task A_sphere_avatar_is_stored_checked_and_served_to_readers(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, org, members) = await app.OrganizationWithMembersAsync(2);
        var id = await manager.CreateSphereAsync(org);
        await manager.InviteAndAcceptAsync(S(id), members[0]);
        var saved = await members[0].OkAsync(PutAvatar(members[0], id, Png));
        Assert.True(saved["hasAvatar"]!.GetValue<bool>());
        var seen = await manager.GetOkAsync(S(id, $"/members/{members[0].UserId}"));
        var url = Str(seen, "avatarUrl");
        Assert.StartsWith($"/api/v1/spheres/{id}/members/{members[0].UserId}/avatar", url);
        using (var avatar = await manager.Http.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.OK, avatar.StatusCode);
            Assert.Equal("image/png", avatar.Content.Headers.ContentType?.MediaType);
            Assert.Equal(Png, await avatar.Content.ReadAsByteArrayAsync());
        }
        await Api.ProblemAsync(members[1].GetAsync(url), HttpStatusCode.NotFound);
        await Api.ProblemAsync(app.Anonymous().GetAsync(url), HttpStatusCode.NotFound);
    }

    [Theory, Engines]
    public async Task Bad_profile_input_is_rejected_and_changes_nothing(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, org, members) = await app.OrganizationWithMembersAsync();
        var id = await manager.CreateSphereAsync(org, listed: true);
        await manager.PutOkAsync(S(id, "/profile"), new { bio = "Kept" });
        var tooLong = await Api.ProblemAsync(manager.PutAsync(S(id, "/profile"), new { bio = new string('b', 2001) }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(tooLong["errors"]!["bio"]);
        await Api.ProblemAsync(manager.SendRawAsync(HttpMethod.Put, S(id, "/profile"), "{\"bio\":12}"), HttpStatusCode.BadRequest, "malformed_json");
        await Api.ProblemAsync(manager.SendRawAsync(HttpMethod.Put, S(id, "/profile"), "{bio"), HttpStatusCode.BadRequest, "malformed_json");
        await Api.ProblemAsync(PutAvatar(manager, id, "not an image"u8.ToArray()), HttpStatusCode.UnsupportedMediaType, "unsupported_image_type");
        await Api.ProblemAsync(PutAvatar(manager, id, Png, "text/plain"), HttpStatusCode.UnsupportedMediaType);
        await Api.ProblemAsync(PutAvatar(manager, id, []), HttpStatusCode.BadRequest);
        var big = new byte[1024 * 1024 + 1];
        Png.CopyTo(big, 0);
        await Api.ProblemAsync(PutAvatar(manager, id, big), HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        var profile = await manager.GetOkAsync(S(id, "/profile"));
        Assert.Equal("Kept", Str(profile, "bio"));
        Assert.False(profile["hasAvatar"]!.GetValue<bool>());
        // Not a member (the listed sphere is visible to them): no profile there.
        await Api.ProblemAsync(members[0].PutAsync(S(id, "/profile"), new { bio = "Sneaky" }), HttpStatusCode.NotFound);
        await Api.ProblemAsync(PutAvatar(members[0], id, Png), HttpStatusCode.NotFound);
        await Api.ProblemAsync(manager.PutAsync(S(Guid.NewGuid(), "/profile"), new { bio = "Ghost" }), HttpStatusCode.NotFound);
        Assert.Equal(0, await app.CountAsync<SphereProfile>(p => p.SphereId == id && p.UserId == members[0].UserId));
    }
}

using System.Net;
using System.Net.Http.Headers;
using Enclave.Tests.Support;

namespace Enclave.Tests.Accounts;

public sealed class AvatarTests
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private static Task<HttpResponseMessage> PutAvatarAsync(Api api, byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return api.Http.PutAsync("/api/v1/me/avatar", content);
    }

    [Theory, Engines]
    public async Task A_png_avatar_is_stored_and_served_back_with_nosniff(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var me = await alice.OkAsync(PutAvatarAsync(alice, Png, "image/png"));
        var url = me["avatarUrl"]!.GetValue<string>();
        Assert.StartsWith($"/api/v1/users/{alice.UserId}/avatar", url);
        Assert.Equal(url, (await alice.GetOkAsync("/api/v1/me"))["avatarUrl"]!.GetValue<string>());

        using var served = await alice.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(Png, await served.Content.ReadAsByteArrayAsync());

        // A JPEG declared as PNG is stored with its real type.
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1];
        var replaced = await alice.OkAsync(PutAvatarAsync(alice, jpeg, "image/png"));
        Assert.NotEqual(url, replaced["avatarUrl"]!.GetValue<string>());
        using var second = await alice.GetAsync($"/api/v1/users/{alice.UserId}/avatar");
        Assert.Equal("image/jpeg", second.Content.Headers.ContentType?.MediaType);

        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync("/api/v1/me/avatar")).StatusCode);
        Assert.Null((await alice.GetOkAsync("/api/v1/me"))["avatarUrl"]);
        await Api.ProblemAsync(alice.GetAsync($"/api/v1/users/{alice.UserId}/avatar"), HttpStatusCode.NotFound, "not_found");
    }

    [Theory, Engines]
    public async Task Non_images_wrong_types_and_oversize_avatars_are_refused_without_change(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var url = (await alice.OkAsync(PutAvatarAsync(alice, Png, "image/png")))["avatarUrl"]!.GetValue<string>();

        await Api.ProblemAsync(PutAvatarAsync(alice, "<svg onload=alert(1)>"u8.ToArray(), "image/png"), HttpStatusCode.UnsupportedMediaType, "unsupported_image_type");
        await Api.ProblemAsync(PutAvatarAsync(alice, Png, "text/plain"), HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        await Api.ProblemAsync(PutAvatarAsync(alice, [], "image/png"), HttpStatusCode.BadRequest, "validation_failed");
        var big = new byte[1024 * 1024 + 1];
        Png.CopyTo(big, 0);
        await Api.ProblemAsync(PutAvatarAsync(alice, big, "image/png"), HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        var huge = new byte[3 * 1024 * 1024];
        Png.CopyTo(huge, 0);
        await Api.ProblemAsync(PutAvatarAsync(alice, huge, "image/png"), HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        // Exactly 1 MiB is allowed (well above the 256 KiB JSON cap).
        var max = new byte[1024 * 1024];
        Png.CopyTo(max, 0);
        var accepted = await alice.OkAsync(PutAvatarAsync(alice, max, "image/png"));
        Assert.NotEqual(url, accepted["avatarUrl"]!.GetValue<string>());
        url = accepted["avatarUrl"]!.GetValue<string>();

        await Api.ProblemAsync(PutAvatarAsync(alice, "GIF8"u8.ToArray(), "image/gif"), HttpStatusCode.UnsupportedMediaType, "unsupported_image_type");
        Assert.Equal(url, (await alice.GetOkAsync("/api/v1/me"))["avatarUrl"]!.GetValue<string>());
        using var served = await alice.GetAsync(url);
        Assert.Equal(max.Length, (await served.Content.ReadAsByteArrayAsync()).Length);
    }
}

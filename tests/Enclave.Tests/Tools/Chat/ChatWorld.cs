using Enclave.Tests.Posts;
using Enclave.Tests.Support;

namespace Enclave.Tests.Tools.Chat;

/// <summary>Alice and Bob share a sphere; Carol is in the organization but not the sphere; Stranger shares nothing with anyone.</summary>
internal sealed record ChatWorld(Api Alice, Api Bob, Api Carol, Api Stranger, Guid Org, Guid Sphere)
{
    public static async Task<ChatWorld> BuildAsync(EnclaveApp app, string type = "classic")
    {
        var (alice, bob, carol, org, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app, type);
        return new ChatWorld(alice, bob, carol, await app.SignUpAsync(), org, sphere);
    }

    public async Task<Guid> DirectAsync(Api from, Api to) =>
        (await from.PostOkAsync("/api/v1/chat/conversations", new { participantIds = new[] { to.UserId } }))["id"]!.GetValue<Guid>();

    public static async Task<Guid> SendAsync(Api from, Guid conversation, string body, Guid? replyToId = null) =>
        (await from.PostOkAsync($"/api/v1/chat/conversations/{conversation}/messages", new { body, replyToId }))["id"]!.GetValue<Guid>();

    public static async Task<List<Guid>> MessageIdsAsync(Api api, string path) =>
        (await api.GetOkAsync(path))["items"]!.AsArray().Select(m => m!["id"]!.GetValue<Guid>()).ToList();
}

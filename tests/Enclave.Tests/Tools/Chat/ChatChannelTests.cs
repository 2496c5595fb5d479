using System.Net;
using Enclave.Tests.Support;

namespace Enclave.Tests.Tools.Chat;

public sealed class ChatChannelTests
{
    [Theory, Engines]
    public async Task A_sphere_channel_is_for_its_members_and_a_removed_member_loses_it_at_once(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var w = await ChatWorld.BuildAsync(app);
        var channel = await w.Alice.GetOkAsync($"/api/v1/spheres/{w.Sphere}/chat");
        Assert.Equal("sphere", channel["kind"]!.GetValue<string>());
        var channelId = channel["id"]!.GetValue<Guid>();
        Assert.Equal(channelId, (await w.Bob.GetOkAsync($"/api/v1/spheres/{w.Sphere}/chat"))["id"]!.GetValue<Guid>());
        var hello = (await w.Alice.PostOkAsync($"/api/v1/spheres/{w.Sphere}/chat/messages", new { body = "Welcome all" }))["id"]!.GetValue<Guid>();
        var reply = await ChatWorld.SendAsync(w.Bob, channelId, "Thanks!", hello);
        Assert.Equal([reply, hello], await ChatWorld.MessageIdsAsync(w.Bob, $"/api/v1/spheres/{w.Sphere}/chat/messages"));
        var replied = await w.Alice.GetOkAsync($"/api/v1/chat/messages/{reply}");
        Assert.Equal(hello, replied["replyTo"]!["id"]!.GetValue<Guid>());
        Assert.Equal("Welcome all", replied["replyTo"]!["excerpt"]!.GetValue<string>());
        // The channel is not a conversation of "mine".
        Assert.DoesNotContain((await w.Alice.GetOkAsync("/api/v1/chat/conversations"))["items"]!.AsArray(), c => c!["id"]!.GetValue<Guid>() == channelId);

        foreach (var outsider in new[] { w.Carol, w.Stranger })
        {
            await Api.ProblemAsync(outsider.GetAsync($"/api/v1/spheres/{w.Sphere}/chat/messages"), HttpStatusCode.NotFound, "not_found");
            await Api.ProblemAsync(outsider.GetAsync($"/api/v1/chat/conversations/{channelId}/messages"), HttpStatusCode.NotFound, "not_found");
            await Api.ProblemAsync(outsider.GetAsync($"/api/v1/chat/messages/{hello}"), HttpStatusCode.NotFound, "not_found");
        }
        await w.Alice.DeleteOkAsync($"/api/v1/spheres/{w.Sphere}/members/{w.Bob.UserId}");
        await Api.ProblemAsync(w.Bob.GetAsync($"/api/v1/spheres/{w.Sphere}/chat/messages"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(w.Bob.GetAsync($"/api/v1/chat/messages/{reply}"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(w.Bob.PostAsync($"/api/v1/chat/conversations/{channelId}/messages", new { body = "Let me in" }), HttpStatusCode.NotFound, "not_found");
    }

    [Theory, Engines]
    public async Task A_public_spheres_readers_without_a_role_do_not_see_its_channel(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var w = await ChatWorld.BuildAsync(app, "public");
        await w.Alice.PostOkAsync($"/api/v1/spheres/{w.Sphere}/chat/messages", new { body = "Members only here" });
        await w.Stranger.GetOkAsync($"/api/v1/spheres/{w.Sphere}");
        await Api.ProblemAsync(w.Stranger.GetAsync($"/api/v1/spheres/{w.Sphere}/chat/messages"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(app.Anonymous().GetAsync($"/api/v1/spheres/{w.Sphere}/chat/messages"), HttpStatusCode.Unauthorized);
    }

    [Theory, Engines]
    public async Task Channel_messages_reach_members_live_and_their_markers_count_unread(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var w = await ChatWorld.BuildAsync(app);
        var (stream, _) = await EventStream.OpenAsync(w.Bob);
        await using (stream)
        {
            var id = (await w.Alice.PostOkAsync($"/api/v1/spheres/{w.Sphere}/chat/messages", new { body = "Live!" }))["id"]!.GetValue<Guid>();
            var (match, _) = await stream.WaitForAsync("chat.message", id.ToString(), TimeSpan.FromSeconds(20));
            Assert.NotNull(match);
        }
        var channel = await w.Bob.GetOkAsync($"/api/v1/spheres/{w.Sphere}/chat");
        Assert.Equal(1, channel["unread"]!.GetValue<int>());
        await w.Bob.PostOkAsync($"/api/v1/chat/conversations/{channel["id"]}/read");
        Assert.Equal(0, (await w.Bob.GetOkAsync($"/api/v1/spheres/{w.Sphere}/chat"))["unread"]!.GetValue<int>());
    }
}

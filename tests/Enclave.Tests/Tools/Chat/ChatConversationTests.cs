using System.Net;
using System.Net.Http.Json;
using Enclave.Tests.Support;

namespace Enclave.Tests.Tools.Chat;

public sealed class ChatConversationTests
{
    [Theory, Engines]
    public async Task People_who_share_a_sphere_talk_directly_and_no_one_else_reads_it(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var w = await ChatWorld.BuildAsync(app);
        var created = await w.Alice.Http.PostAsJsonAsync("/api/v1/chat/conversations", new { participantIds = new[] { w.Bob.UserId } }, Api.Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await w.Alice.OkAsync(Task.FromResult(created)))["id"]!.GetValue<Guid>();
        // Opening it again (from either side) finds the same conversation.
        Assert.Equal(id, await w.DirectAsync(w.Bob, w.Alice));
        var first = await ChatWorld.SendAsync(w.Alice, id, "Hello **Bob**");
        var second = await ChatWorld.SendAsync(w.Alice, id, "Are you there?");

        var messages = await w.Bob.GetOkAsync($"/api/v1/chat/conversations/{id}/messages");
        Assert.Equal([second, first], messages["items"]!.AsArray().Select(m => m!["id"]!.GetValue<Guid>()));
        Assert.Contains("<strong>Bob</strong>", messages["items"]![1]!["html"]!.GetValue<string>());
        var list = await w.Bob.GetOkAsync("/api/v1/chat/conversations");
        var mine = Assert.Single(list["items"]!.AsArray(), c => c!["id"]!.GetValue<Guid>() == id)!;
        Assert.Equal(2, mine["unread"]!.GetValue<int>());
        Assert.Equal("direct", mine["kind"]!.GetValue<string>());
        Assert.Equal(2, (await w.Bob.GetOkAsync("/api/v1/chat/unread"))["total"]!.GetValue<int>());

        // One notification for the conversation until Bob reads it.
        var notes = await w.Bob.GetOkAsync("/api/v1/notifications");
        var chatNotes = notes["items"]!.AsArray().Where(n => n!["kind"]!.GetValue<string>() == "chat_message").ToList();
        Assert.Equal($"/chat/{id}", Assert.Single(chatNotes)!["url"]!.GetValue<string>());

        var read = await w.Bob.PostOkAsync($"/api/v1/chat/conversations/{id}/read");
        Assert.Equal(second, read["readUpToId"]!.GetValue<Guid>());
        Assert.Equal(0, (await w.Bob.GetOkAsync("/api/v1/chat/unread"))["total"]!.GetValue<int>());
        var view = await w.Alice.GetOkAsync($"/api/v1/chat/conversations/{id}");
        Assert.Equal(second, view["participants"]!.AsArray().Single(p => p!["user"]!["id"]!.GetValue<Guid>() == w.Bob.UserId)!["readUpToId"]!.GetValue<Guid>());

        foreach (var outsider in new[] { w.Carol, w.Stranger })
        {
            await Api.ProblemAsync(outsider.GetAsync($"/api/v1/chat/conversations/{id}"), HttpStatusCode.NotFound, "not_found");
            await Api.ProblemAsync(outsider.GetAsync($"/api/v1/chat/conversations/{id}/messages"), HttpStatusCode.NotFound, "not_found");
            await Api.ProblemAsync(outsider.GetAsync($"/api/v1/chat/messages/{first}"), HttpStatusCode.NotFound, "not_found");
            await Api.ProblemAsync(outsider.PostAsync($"/api/v1/chat/conversations/{id}/messages", new { body = "hi" }), HttpStatusCode.NotFound, "not_found");
            Assert.DoesNotContain((await outsider.GetOkAsync("/api/v1/chat/conversations"))["items"]!.AsArray(), c => c!["id"]!.GetValue<Guid>() == id);
        }
    }

    [Theory, Engines]
    public async Task No_conversation_with_someone_who_shares_no_sphere_and_history_stays_when_they_part(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var w = await ChatWorld.BuildAsync(app);
        await Api.ProblemAsync(w.Alice.PostAsync("/api/v1/chat/conversations", new { participantIds = new[] { w.Stranger.UserId } }), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(w.Alice.PostAsync("/api/v1/chat/conversations", new { participantIds = new[] { Guid.NewGuid() } }), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(w.Alice.PostAsync("/api/v1/chat/conversations", new { participantIds = new[] { w.Bob.UserId, w.Stranger.UserId }, title = "Mixed" }), HttpStatusCode.NotFound, "not_found");

        var id = await w.DirectAsync(w.Alice, w.Bob);
        var hello = await ChatWorld.SendAsync(w.Bob, id, "Before I go");
        await w.Alice.DeleteOkAsync($"/api/v1/spheres/{w.Sphere}/members/{w.Bob.UserId}");
        // The history stays readable to both; writing is refused, and says why.
        Assert.Equal([hello], await ChatWorld.MessageIdsAsync(w.Alice, $"/api/v1/chat/conversations/{id}/messages"));
        Assert.Equal([hello], await ChatWorld.MessageIdsAsync(w.Bob, $"/api/v1/chat/conversations/{id}/messages"));
        await Api.ProblemAsync(w.Bob.PostAsync($"/api/v1/chat/conversations/{id}/messages", new { body = "Still here?" }), HttpStatusCode.Forbidden, "no_shared_sphere");
        Assert.Equal("no_shared_sphere", (await w.Alice.GetOkAsync($"/api/v1/chat/conversations/{id}"))["cannotSend"]!.GetValue<string>());
    }

    [Theory, Engines]
    public async Task A_block_stops_new_conversations_and_direct_messages_both_ways_until_lifted(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var w = await ChatWorld.BuildAsync(app);
        var id = await w.DirectAsync(w.Alice, w.Bob);
        await w.Bob.PutAsync($"/api/v1/chat/blocks/{w.Alice.UserId}");
        Assert.Equal(w.Alice.UserId, (await w.Bob.GetOkAsync("/api/v1/chat/blocks")).AsArray().Single()!["user"]!["id"]!.GetValue<Guid>());
        await Api.ProblemAsync(w.Alice.PostAsync($"/api/v1/chat/conversations/{id}/messages", new { body = "Hi" }), HttpStatusCode.Forbidden, "blocked");
        await Api.ProblemAsync(w.Bob.PostAsync($"/api/v1/chat/conversations/{id}/messages", new { body = "Hi" }), HttpStatusCode.Forbidden, "blocked");
        await Api.ProblemAsync(w.Alice.PostAsync("/api/v1/chat/conversations", new { participantIds = new[] { w.Bob.UserId }, title = "Group" }), HttpStatusCode.Forbidden, "blocked");
        // Someone one may not see cannot be blocked (no probing accounts).
        await Api.ProblemAsync(w.Bob.PutAsync($"/api/v1/chat/blocks/{w.Stranger.UserId}"), HttpStatusCode.NotFound, "not_found");
        Assert.Equal(HttpStatusCode.NoContent, (await w.Bob.DeleteAsync($"/api/v1/chat/blocks/{w.Alice.UserId}")).StatusCode);
        await ChatWorld.SendAsync(w.Alice, id, "Hi again");
    }

    [Theory, Engines]
    public async Task Bad_input_is_refused_with_its_field(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var w = await ChatWorld.BuildAsync(app);
        var id = await w.DirectAsync(w.Alice, w.Bob);
        var p = await Api.ProblemAsync(w.Alice.PostAsync($"/api/v1/chat/conversations/{id}/messages", new { body = "  " }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(p["errors"]!["body"]);
        p = await Api.ProblemAsync(w.Alice.PostAsync($"/api/v1/chat/conversations/{id}/messages", new { body = new string('x', 4001) }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(p["errors"]!["body"]);
        p = await Api.ProblemAsync(w.Alice.PostAsync("/api/v1/chat/conversations", new { participantIds = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()) }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(p["errors"]!["participantIds"]);
        p = await Api.ProblemAsync(w.Alice.PostAsync("/api/v1/chat/conversations", new { participantIds = Array.Empty<Guid>() }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(p["errors"]!["participantIds"]);
        await Api.ProblemAsync(w.Alice.GetAsync($"/api/v1/chat/conversations/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "not_found");
        // A reply must answer a message of the same conversation.
        var channelMessage = (await w.Alice.PostOkAsync($"/api/v1/spheres/{w.Sphere}/chat/messages", new { body = "In the channel" }))["id"]!.GetValue<Guid>();
        p = await Api.ProblemAsync(w.Alice.PostAsync($"/api/v1/chat/conversations/{id}/messages", new { body = "Re", replyToId = channelMessage }), HttpStatusCode.UnprocessableEntity, "reply_not_found");
        Assert.NotNull(p["errors"]!["replyToId"]);
        await Api.ProblemAsync(w.Alice.PutAsync($"/api/v1/chat/messages/{channelMessage}/reactions/angry"), HttpStatusCode.BadRequest, "unknown_reaction");
        Assert.Empty(await ChatWorld.MessageIdsAsync(w.Alice, $"/api/v1/chat/conversations/{id}/messages"));
    }

    [Theory, Engines]
    public async Task Concurrent_opens_of_the_same_pair_make_one_conversation(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var w = await ChatWorld.BuildAsync(app);
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            (i % 2 == 0 ? w.Alice : w.Bob).PostAsync("/api/v1/chat/conversations", new { participantIds = new[] { i % 2 == 0 ? w.Bob.UserId : w.Alice.UserId } })));
        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode, r.StatusCode.ToString()));
        var ids = new HashSet<Guid>();
        foreach (var r in responses) ids.Add((await w.Alice.OkAsync(Task.FromResult(r)))["id"]!.GetValue<Guid>());
        Assert.Single(ids);
        Assert.Single((await w.Alice.GetOkAsync("/api/v1/chat/conversations"))["items"]!.AsArray());
    }
}

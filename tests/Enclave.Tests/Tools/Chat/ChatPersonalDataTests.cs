using Enclave.Server.Tools.Chat;
using Enclave.Tests.Posts.Attachments;
using Enclave.Tests.Privacy.Closing;
using Enclave.Tests.Privacy.Export;
using Enclave.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Tests.Tools.Chat;

public sealed class ChatPersonalDataTests
{
    [Theory, Engines]
    public async Task The_export_holds_my_chat_messages_reactions_and_blocks(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var w = await ChatWorld.BuildAsync(app);
        var id = await w.DirectAsync(w.Alice, w.Bob);
        var message = await ChatWorld.SendAsync(w.Alice, id, "Exported words");
        await w.Alice.PutOkAsync($"/api/v1/chat/messages/{await ChatWorld.SendAsync(w.Bob, id, "Bob's words")}/reactions/wow");
        await w.Alice.PutAsync($"/api/v1/chat/blocks/{w.Carol.UserId}");
        await w.Alice.OkAsync(w.Alice.PostAsync("/api/v1/me/exports"));
        var ready = await Exports.WaitReadyAsync(app, w.Alice, "/api/v1/me/exports");
        using var zip = Exports.Open(await Exports.DownloadAsync(w.Alice, ready["downloadUrl"]!.GetValue<string>()));
        var messages = Exports.Json(zip, "chat/messages.json").AsArray();
        Assert.Equal(message, messages.Single()!["id"]!.GetValue<Guid>());
        Assert.Equal("Wow", Exports.Json(zip, "chat/reactions.json").AsArray().Single()!["kind"]!.GetValue<string>());
        Assert.Equal(w.Carol.UserId, Exports.Json(zip, "chat/blocks.json").AsArray().Single()!["blockedId"]!.GetValue<Guid>());
        Assert.Equal(id, Exports.Json(zip, "chat/conversations.json").AsArray().Single()!["id"]!.GetValue<Guid>());
    }

    [Theory, Engines]
    public async Task Closing_an_account_deletes_its_chat_messages_with_either_choice_and_keeps_the_others(Engine engine)
    {
        foreach (var choice in new[] { "anonymize", "deleteEverything" })
        {
            using var app = new EnclaveApp(engine);
            var w = await ClosingWorld.BuildAsync(app);
            var id = (await w.Zeb.PostOkAsync("/api/v1/chat/conversations", new { participantIds = new[] { w.Alice.UserId } }))["id"]!.GetValue<Guid>();
            var zebs = await ChatWorld.SendAsync(w.Zeb, id, "Zeb's secret");
            var alices = await ChatWorld.SendAsync(w.Alice, id, "Alice's answer", zebs);
            await w.Zeb.PutOkAsync($"/api/v1/chat/messages/{alices}/reactions/like");
            await w.Zeb.PostOkAsync($"/api/v1/spheres/{w.Sphere}/chat/messages", new { body = "Zeb in the channel" });
            await w.Zeb.PutAsync($"/api/v1/chat/blocks/{w.Bob.UserId}");
            await w.CloseAsync(choice);
            app.Clock.Advance(TimeSpan.FromDays(31));
            Assert.Equal(1, await ClosingWorld.PurgeAsync(app));
            await w.SignInOthersAgainAsync(app);

            var items = (await w.Alice.GetOkAsync($"/api/v1/chat/conversations/{id}/messages"))["items"]!.AsArray();
            var left = Assert.Single(items)!;
            Assert.Equal(alices, left["id"]!.GetValue<Guid>());
            Assert.Empty(left["reactions"]!.AsArray());
            Assert.Empty((await w.Alice.GetOkAsync($"/api/v1/spheres/{w.Sphere}/chat/messages"))["items"]!.AsArray());
            var zebId = w.Zeb.UserId;
            Assert.Equal(0, await app.WithDbAsync(db => db.Set<ChatMessage>().CountAsync(m => m.AuthorId == zebId)));
            Assert.Equal(0, await app.WithDbAsync(db => db.Set<ChatParticipant>().CountAsync(p => p.UserId == zebId)));
            Assert.Equal(0, await app.WithDbAsync(db => db.Set<ChatBlock>().CountAsync(b => b.BlockerId == zebId || b.BlockedId == zebId)));
        }
    }
}

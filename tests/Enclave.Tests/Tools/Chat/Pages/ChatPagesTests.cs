using System.Net;
using Enclave.Tests.Support;

namespace Enclave.Tests.Tools.Chat.Pages;

public sealed class ChatPagesTests
{
    [Theory, Engines]
    public async Task A_conversation_is_started_written_and_read_through_the_pages_without_script(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var w = await ChatWorld.BuildAsync(app);
        var alice = PageClient.For(app, w.Alice);
        var list = await alice.GetAsync("/chat");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        var started = await alice.SubmitAsync(list, "#chat-new", ("userNames", "@" + w.Bob.User!.UserName));
        Assert.Equal(HttpStatusCode.SeeOther, started.Status);
        var path = started.Location!;
        Assert.StartsWith("/chat/", path);
        var page = await alice.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var sent = await alice.SubmitAsync(page, "#chat-composer", [("body", "Hello from the **page**")], [("file", "plan.txt", "the plan"u8.ToArray())]);
        Assert.Equal(HttpStatusCode.SeeOther, sent.Status);

        var bob = PageClient.For(app, w.Bob);
        var bobList = await bob.GetAsync("/chat");
        Assert.Contains("My conversations", bobList.Text);
        Assert.NotNull(bobList.Document.QuerySelector($"[data-chat-item] a[href='{path}'] .badge"));
        var bobPage = await bob.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, bobPage.Status);
        Assert.Contains("<strong>page</strong>", bobPage.Html);
        Assert.NotNull(bobPage.Document.QuerySelector(".chat-files a[href^='/api/v1/chat/attachments/']"));
        Assert.NotNull(bobPage.Document.QuerySelector("#chat-composer textarea[name=body]"));
        // Opening the page read it: no unread badge any more.
        Assert.Null((await bob.GetAsync("/chat")).Document.QuerySelector($"[data-chat-item] a[href='{path}'] .badge"));

        foreach (var outsider in new[] { w.Carol, w.Stranger })
            Assert.Equal(HttpStatusCode.NotFound, (await PageClient.For(app, outsider).GetAsync(path)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PageClient.For(app, w.Carol).GetAsync($"/s/{w.Sphere}/chat")).Status);
    }

    [Theory, Engines]
    public async Task The_sphere_channel_page_shows_its_messages_to_members(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var w = await ChatWorld.BuildAsync(app);
        await w.Alice.PostOkAsync($"/api/v1/spheres/{w.Sphere}/chat/messages", new { body = "Channel hello" });
        var bob = PageClient.For(app, w.Bob);
        var page = await bob.GetAsync($"/s/{w.Sphere}/chat");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Channel hello", page.Text);
        Assert.NotNull(page.Document.QuerySelector(".tool-tabs a[aria-current='page'][href$='/chat']"));
        var sent = await bob.SubmitAsync(page, "#chat-composer", ("body", "Reply from Bob"));
        Assert.Equal(HttpStatusCode.SeeOther, sent.Status);
        Assert.Contains("Reply from Bob", (await PageClient.For(app, w.Alice).GetAsync($"/s/{w.Sphere}/chat")).Text);
        Assert.Equal(HttpStatusCode.NotFound, (await PageClient.For(app, w.Stranger).GetAsync($"/s/{w.Sphere}/chat")).Status);
    }
}

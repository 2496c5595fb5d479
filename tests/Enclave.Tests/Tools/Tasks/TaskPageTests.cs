using System.Net;
using Enclave.Tests.Support;

namespace Enclave.Tests.Tools.Tasks;

/// <summary>The kanban pages without JavaScript: the arrow buttons move cards, the forms create and edit, French is spoken, outsiders get not-found.</summary>
public sealed class TaskPageTests
{
    [Theory, Engines]
    public async Task Cards_are_created_moved_and_edited_through_plain_forms(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var w = await TaskWorld.CreateAsync(app);
        var first = await w.CardAsync(w.Owner, "First");
        await w.CardAsync(w.Owner, "Second");
        var pages = PageClient.For(app, w.Member);
        var boardUrl = $"/s/{w.Sphere}/tasks/{w.Board}";

        var board = await pages.GetAsync(boardUrl);
        Assert.Equal(HttpStatusCode.OK, board.Status);
        Assert.Equal(2, board.Document.QuerySelectorAll($"[data-cards-of='{w.Columns[0]}'] .task-card").Length);
        var moved = await pages.SubmitAsync(board, $"#card-{first} [data-move-form]", ("direction", "right"));
        Assert.Equal(HttpStatusCode.SeeOther, moved.Status);
        Assert.Equal(boardUrl, moved.Location);
        var layout = await w.LayoutAsync(w.Owner);
        Assert.Equal([first], layout[1]);

        board = await pages.GetAsync(boardUrl);
        await pages.SubmitAsync(board, $"[data-column-id='{w.Columns[2]}'] [data-add-card]", ("title", "From the page"));
        Assert.Single((await w.LayoutAsync(w.Owner))[2]);

        var cardUrl = $"/s/{w.Sphere}/tasks/cards/{first}";
        var cardPage = await pages.GetAsync(cardUrl);
        await pages.SubmitAsync(cardPage, "#edit-card-form", ("title", "First, renamed"), ("description", "*soon*"), ("labels", "red, blue"), ("due", "2031-01-02T09:30"));
        var card = await w.Owner.GetOkAsync($"/api/v1/cards/{first}");
        Assert.Equal("First, renamed", card["title"]!.GetValue<string>());
        Assert.Equal(["red", "blue"], card["labels"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.NotNull(card["dueAt"]);
        cardPage = await pages.GetAsync(cardUrl);
        await pages.SubmitAsync(cardPage, "#add-checklist-item", ("text", "Call the crane operator"));
        cardPage = await pages.GetAsync(cardUrl);
        await pages.SubmitAsync(cardPage, "#card-comment-form", ("body", "On it"));
        cardPage = await pages.GetAsync(cardUrl);
        Assert.Contains("Call the crane operator", cardPage.Text);
        Assert.Contains("On it", cardPage.Text);
        Assert.Contains("<em>soon</em>", cardPage.Html);
    }

    [Theory, Engines]
    public async Task The_pages_speak_french_and_hide_everything_from_outsiders(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var w = await TaskWorld.CreateAsync(app);
        var card = await w.CardAsync(w.Owner, "Secret plan", extra: new { assigneeIds = new[] { w.Member.UserId } });
        var french = PageClient.For(app, w.Member, "fr");
        // The account's language wins over the browser's: choose French as the language switch does.
        await french.PostWithTokenAsync("/tasks", "/ui/language", new Dictionary<string, string> { ["language"] = "fr", ["returnUrl"] = "/tasks" });
        var boards = await french.GetAsync($"/s/{w.Sphere}/tasks");
        Assert.Contains("Nouveau tableau", boards.Text);
        Assert.Contains("Launch", boards.Text);
        var mine = await french.GetAsync("/tasks");
        Assert.Contains("Mes tâches", mine.Text);
        Assert.Contains("Secret plan", mine.Text);

        var outsider = PageClient.For(app, w.Outsider);
        foreach (var path in new[] { $"/s/{w.Sphere}/tasks", $"/s/{w.Sphere}/tasks/{w.Board}", $"/s/{w.Sphere}/tasks/cards/{card}", $"/ui/fragments/boards/{w.Board}" })
        {
            var page = await outsider.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, page.Status);
            Assert.DoesNotContain("Secret plan", page.Html);
        }
        Assert.DoesNotContain("Secret plan", (await outsider.GetAsync("/tasks")).Html);
    }
}

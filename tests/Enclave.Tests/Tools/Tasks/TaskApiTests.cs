using System.Net;
using Enclave.Tests.Support;

namespace Enclave.Tests.Tools.Tasks;

public sealed class TaskApiTests
{
    [Theory, Engines]
    public async Task A_card_lives_on_its_board_with_description_labels_checklist_and_comments(Engine engine)
    {
        var w = await TaskWorld.CreateAsync(EnclaveApp.Shared(engine));
        Assert.Equal(3, w.Columns.Count);
        var created = await w.Member.PostOkAsync($"/api/v1/boards/{w.Board}/cards", new
        {
            columnId = w.Columns[1], title = "  Write the brief  ", description = "**Bold** <script>alert(1)</script>", labels = new[] { "urgent", "Urgent", " docs " },
            dueAt = "2030-05-01T10:00:00+02:00",
        });
        var id = created["id"]!.GetValue<Guid>();
        Assert.Equal("Write the brief", created["title"]!.GetValue<string>());
        Assert.Contains("<strong>Bold</strong>", created["descriptionHtml"]!.GetValue<string>());
        Assert.DoesNotContain("<script", created["descriptionHtml"]!.GetValue<string>());
        Assert.Equal(["urgent", "docs"], created["labels"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.Equal(new DateTime(2030, 5, 1, 8, 0, 0, DateTimeKind.Utc), created["dueAt"]!.GetValue<DateTime>().ToUniversalTime());

        var item = await w.Member.PostOkAsync($"/api/v1/cards/{id}/checklist", new { text = "Outline" });
        await w.Owner.PatchOkAsync($"/api/v1/checklist-items/{item["id"]}", new { done = true });
        await w.Owner.PostOkAsync($"/api/v1/cards/{id}/comments", new { body = "Looks _good_" });
        var card = await w.Member.GetOkAsync($"/api/v1/cards/{id}");
        Assert.True(card["checklist"]![0]!["done"]!.GetValue<bool>());
        Assert.Equal(1, card["commentCount"]!.GetValue<int>());
        var comments = await w.Member.GetOkAsync($"/api/v1/cards/{id}/comments");
        Assert.Contains("<em>good</em>", comments["items"]![0]!["bodyHtml"]!.GetValue<string>());

        var board = await w.Member.GetOkAsync($"/api/v1/boards/{w.Board}");
        var summary = board["columns"]![1]!["cards"]![0]!;
        Assert.Equal(id, summary["id"]!.GetValue<Guid>());
        Assert.Equal(1, summary["checklistDone"]!.GetValue<int>());
        Assert.Equal(1, summary["commentCount"]!.GetValue<int>());

        var updated = await w.Member.PatchOkAsync($"/api/v1/cards/{id}", new { title = "Brief", clearDueAt = true, labels = Array.Empty<string>() });
        Assert.Null(updated["dueAt"]);
        Assert.Empty(updated["labels"]!.AsArray());
        await Api.ProblemAsync(w.Member.PatchAsync($"/api/v1/cards/{id}", new { title = "" }), HttpStatusCode.BadRequest, "validation_failed");
        await Api.ProblemAsync(w.Member.PostAsync($"/api/v1/boards/{w.Board}/cards", new { title = "x", labels = new[] { "a,b" } }), HttpStatusCode.BadRequest, "validation_failed");
    }

    [Theory, Engines]
    public async Task Outsiders_get_not_found_everywhere_and_my_tasks_shows_only_mine(Engine engine)
    {
        var w = await TaskWorld.CreateAsync(EnclaveApp.Shared(engine));
        var mine = await w.CardAsync(w.Owner, "For the member", extra: new { assigneeIds = new[] { w.Member.UserId } });
        var other = await w.CardAsync(w.Owner, "For nobody");
        var comment = await w.Owner.PostOkAsync($"/api/v1/cards/{other}/comments", new { body = "hi" });

        foreach (var path in new[] { $"/api/v1/boards/{w.Board}", $"/api/v1/cards/{mine}", $"/api/v1/cards/{mine}/comments", $"/api/v1/spheres/{w.Sphere}/boards" })
            await Api.ProblemAsync(w.Outsider.GetAsync(path), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(w.Outsider.PostAsync($"/api/v1/cards/{mine}/move", new { position = 0 }), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(w.Outsider.DeleteAsync($"/api/v1/task-comments/{comment["id"]}"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(w.Outsider.PostAsync($"/api/v1/boards/{w.Board}/cards", new { title = "x" }), HttpStatusCode.NotFound, "not_found");
        Assert.Empty((await w.Outsider.GetOkAsync("/api/v1/me/tasks"))["items"]!.AsArray());

        var tasks = await w.Member.GetOkAsync("/api/v1/me/tasks");
        Assert.Equal([mine], tasks["items"]!.AsArray().Select(t => t!["id"]!.GetValue<Guid>()));
        Assert.Equal("To do", tasks["items"]![0]!["columnName"]!.GetValue<string>());

        // Assignees are members of the sphere only.
        await Api.ProblemAsync(w.Owner.PutAsync($"/api/v1/cards/{other}/assignees", new { userIds = new[] { w.Outsider.UserId } }), HttpStatusCode.UnprocessableEntity, "assignee_not_member");
        Assert.Empty((await w.Owner.GetOkAsync($"/api/v1/cards/{other}"))["assignees"]!.AsArray());
        var boards = await w.Member.GetOkAsync($"/api/v1/spheres/{w.Sphere}/boards");
        Assert.Equal(2, boards["items"]![0]!["cardCount"]!.GetValue<int>());
    }

    [Theory, Engines]
    public async Task Assigning_notifies_the_assignee_with_the_card_title_and_a_card_can_be_shared_in_the_feed(Engine engine)
    {
        var w = await TaskWorld.CreateAsync(EnclaveApp.Shared(engine));
        var card = await w.CardAsync(w.Owner, "Book the room");
        await w.Owner.PutOkAsync($"/api/v1/cards/{card}/assignees", new { userIds = new[] { w.Member.UserId, w.Owner.UserId } });
        // Setting the same people again notifies no one a second time.
        await w.Owner.PutOkAsync($"/api/v1/cards/{card}/assignees", new { userIds = new[] { w.Member.UserId, w.Owner.UserId } });
        var notifications = (await w.Member.GetOkAsync("/api/v1/notifications"))["items"]!.AsArray()
            .Where(n => n!["kind"]!.GetValue<string>() == "task_assigned").ToList();
        var notice = Assert.Single(notifications)!;
        Assert.Equal("Book the room", notice["detail"]!.GetValue<string>());
        Assert.Equal($"/s/{w.Sphere}/tasks/cards/{card}", notice["url"]!.GetValue<string>());
        Assert.DoesNotContain((await w.Owner.GetOkAsync("/api/v1/notifications"))["items"]!.AsArray(), n => n!["kind"]!.GetValue<string>() == "task_assigned");

        var post = await w.Owner.PostOkAsync($"/api/v1/spheres/{w.Sphere}/posts", new { body = "Please help", tool = new { kind = "task", id = card } });
        Assert.Equal("Book the room", post["tool"]!["title"]!.GetValue<string>());
        var otherSphere = await w.Owner.CreateSphereAsync(w.Organization);
        await Api.ProblemAsync(w.Owner.PostAsync($"/api/v1/spheres/{otherSphere}/posts", new { body = "x", tool = new { kind = "task", id = card } }),
            HttpStatusCode.UnprocessableEntity, "tool_item_not_found");
    }

    [Theory, Engines]
    public async Task Public_sphere_readers_see_boards_but_only_members_work_with_cards(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var w = await TaskWorld.CreateAsync(app, "public");
        var card = await w.CardAsync(w.Member, "Visible");
        Assert.Equal("Visible", (await app.Anonymous().GetOkAsync($"/api/v1/cards/{card}"))["title"]!.GetValue<string>());
        await Api.ProblemAsync(w.Outsider.PostAsync($"/api/v1/cards/{card}/move", new { position = 0 }), HttpStatusCode.Forbidden, "members_only");
        await Api.ProblemAsync(w.Outsider.PostAsync($"/api/v1/boards/{w.Board}/cards", new { title = "x" }), HttpStatusCode.Forbidden, "members_only");
        await Api.ProblemAsync(w.Outsider.PostAsync($"/api/v1/boards/{w.Board}/columns", new { name = "x" }), HttpStatusCode.Forbidden, "cannot_manage_board");
    }
}

using System.Text.Json;
using Enclave.Server.Data;
using Enclave.Server.Privacy;
using Enclave.Server.Privacy.Closing;
using Enclave.Server.Tools.Tasks;
using Enclave.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.Tests.Tools.Tasks;

/// <summary>Closing an account removes the person's assignments and authorship from the kanban; the export carries them.</summary>
public sealed class TaskPersonalDataTests
{
    private sealed class Archive : IExportArchive
    {
        public Dictionary<string, string> Files { get; } = [];
        public Task AddJsonAsync<T>(string path, T value, CancellationToken cancellationToken)
        {
            Files[path] = JsonSerializer.Serialize(value);
            return Task.CompletedTask;
        }
        public Task AddFileAsync(string path, Stream content, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    [Theory, Engines]
    public async Task Deleting_everything_removes_assignments_comments_and_authorship_but_keeps_the_teams_cards(Engine engine)
    {
        using var app = new EnclaveApp(engine);
        var w = await TaskWorld.CreateAsync(app);
        var theirs = await w.CardAsync(w.Member, "Member card", extra: new { assigneeIds = new[] { w.Member.UserId, w.Owner.UserId } });
        await w.Member.PostOkAsync($"/api/v1/cards/{theirs}/checklist", new { text = "Member step" });
        await w.Member.PostOkAsync($"/api/v1/cards/{theirs}/comments", new { body = "Member words" });
        await w.Owner.PostOkAsync($"/api/v1/cards/{theirs}/comments", new { body = "Owner words" });

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var archive = new Archive();
            await scope.ServiceProvider.GetRequiredService<TaskPersonalData>()
                .ExportAsync(new PersonalDataExport(scope.ServiceProvider.GetRequiredService<EnclaveDb>(), w.Member.UserId, archive), CancellationToken.None);
            Assert.Contains("Member card", archive.Files["tasks/assigned-cards.json"]);
            Assert.Contains("Member card", archive.Files["tasks/created-cards.json"]);
            Assert.Contains("Member step", archive.Files["tasks/checklist-items.json"]);
            Assert.Contains("Member words", archive.Files["tasks/comments.json"]);
            Assert.DoesNotContain("Owner words", archive.Files["tasks/comments.json"]);
        }

        await w.Member.PostOkAsync("/api/v1/me/close", new { password = World.Password, choice = "deleteEverything" });
        app.Clock.Advance(TimeSpan.FromDays(31));
        await using (var scope = app.Services.CreateAsyncScope())
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<AccountPurge>().RunDueAsync(CancellationToken.None));

        // A month passed: the owner's session expired too.
        var owner = await Enclave.Tests.Privacy.Closing.ClosingWorld.SignInAsync(app, w.Owner.User!);
        var card = await owner.GetOkAsync($"/api/v1/cards/{theirs}");
        Assert.Equal("Member card", card["title"]!.GetValue<string>());
        Assert.Null(card["createdBy"]);
        Assert.Equal([w.Owner.UserId], card["assignees"]!.AsArray().Select(a => a!["id"]!.GetValue<Guid>()));
        var comments = await owner.GetOkAsync($"/api/v1/cards/{theirs}/comments");
        Assert.Equal(["Owner words"], comments["items"]!.AsArray().Select(c => c!["body"]!.GetValue<string>()));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EnclaveDb>();
            Assert.Equal(0, await db.Set<TaskAssignee>().CountAsync(a => a.UserId == w.Member.UserId));
            Assert.Equal(0, await db.Set<TaskChecklistItem>().CountAsync(i => i.CreatedById == w.Member.UserId));
            Assert.Equal(1, await db.Set<TaskChecklistItem>().CountAsync(i => i.CardId == theirs));
        }
    }
}

using Enclave.Server.Data;
using Enclave.Server.Tools.Tasks;
using Enclave.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.Tests.Tools.Tasks;

/// <summary>
/// No N+1: a board of 500 cards (with assignees, checklists and comments) is read, through the API
/// and as a web page, with the same fixed number of SQL commands as a board of 10.
/// </summary>
[Collection(SqlCommandCounter.Collection)]
public sealed class TaskQueryCountTests
{
    [Theory, Engines]
    public async Task A_board_of_500_cards_costs_the_same_queries_as_a_board_of_10(Engine engine)
    {
        using var app = new EnclaveApp(engine);
        app.Server.PreserveExecutionContext = true;
        var w = await TaskWorld.CreateAsync(app);
        var large = (await w.Owner.PostOkAsync($"/api/v1/spheres/{w.Sphere}/boards", new { name = "Large" }))["id"]!.GetValue<Guid>();
        await FillAsync(app, w, w.Board, 10);
        await FillAsync(app, w, large, 500);

        using var counter = new SqlCommandCounter();
        var pages = PageClient.For(app, w.Member);
        async Task<(int Api, int Page)> MeasureAsync(Guid board)
        {
            var api = await SqlCommandCounter.CountAsync(async () => await w.Member.GetOkAsync($"/api/v1/boards/{board}"));
            var page = await SqlCommandCounter.CountAsync(async () =>
            {
                var result = await pages.GetAsync($"/s/{w.Sphere}/tasks/{board}");
                Assert.Equal(System.Net.HttpStatusCode.OK, result.Status);
            });
            return (api, page);
        }
        // EF caches its logging configuration for up to a second (ConfigureLoggingCacheTime), per pooled
        // context, so a listener subscribed just now may miss the first commands of the API request, of
        // the page, or of both: warm up until it sees both (bounded).
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var warm = await MeasureAsync(w.Board);
            if (warm.Api > 0 && warm.Page > 0) break;
            await Task.Delay(TimeSpan.FromSeconds(1.2));
        }
        await MeasureAsync(large);
        var small = await MeasureAsync(w.Board);
        var big = await MeasureAsync(large);

        Assert.True(small.Api > 0 && small.Page > 0, "the counter sees the requests' commands");
        Assert.Equal(small, big);
        Assert.InRange(big.Api, 1, 20);
        Assert.InRange(big.Page, 1, 30);
        var board = await w.Member.GetOkAsync($"/api/v1/boards/{large}");
        Assert.Equal(500, board["columns"]!.AsArray().Sum(c => c!["cards"]!.AsArray().Count));
    }

    /// <summary>Cards straight through the app's EF context (one save), spread over the columns, with assignees, checklist items and comments.</summary>
    private static async Task FillAsync(EnclaveApp app, TaskWorld w, Guid boardId, int count)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EnclaveDb>();
        var columns = db.Set<TaskColumn>().Where(c => c.BoardId == boardId).OrderBy(c => c.Position).Select(c => c.Id).ToList();
        var now = DateTime.UtcNow;
        for (var i = 0; i < count; i++)
        {
            var card = new TaskCard
            {
                Id = Ids.New(), OrganizationId = w.Organization, SphereId = w.Sphere, BoardId = boardId, ColumnId = columns[i % columns.Count],
                Position = i / columns.Count, Title = $"Card {i}", Labels = "a,b", CreatedAt = now, UpdatedAt = now, DueAt = i % 2 == 0 ? now.AddDays(3) : null,
            };
            db.Add(card);
            db.Add(new TaskAssignee { CardId = card.Id, UserId = i % 2 == 0 ? w.Member.UserId : w.Owner.UserId, OrganizationId = w.Organization, SphereId = w.Sphere, AssignedAt = now });
            db.Add(new TaskChecklistItem { Id = Ids.New(), OrganizationId = w.Organization, SphereId = w.Sphere, CardId = card.Id, Text = "step", Done = i % 3 == 0, CreatedAt = now });
            if (i % 5 == 0) db.Add(new TaskComment { Id = Ids.New(), OrganizationId = w.Organization, SphereId = w.Sphere, CardId = card.Id, AuthorId = w.Owner.UserId, Body = "c", BodyHtml = "<p>c</p>", CreatedAt = now });
        }
        await db.SaveChangesAsync();
    }
}

using System.Net;
using Enclave.Tests.Support;

namespace Enclave.Tests.Tools.Tasks;

/// <summary>The order of cards and columns stays total under concurrent moves: settled by the database (per-board lock, unique places).</summary>
public sealed class TaskOrderingTests
{
    [Theory, Engines]
    public async Task Moves_reorder_within_and_across_columns(Engine engine)
    {
        var w = await TaskWorld.CreateAsync(EnclaveApp.Shared(engine));
        var a = await w.CardAsync(w.Member, "a");
        var b = await w.CardAsync(w.Member, "b");
        var c = await w.CardAsync(w.Member, "c");
        await w.Member.PostOkAsync($"/api/v1/cards/{c}/move", new { position = 0 });
        Assert.Equal([c, a, b], (await w.LayoutAsync(w.Member))[0]);
        await w.Member.PostOkAsync($"/api/v1/cards/{c}/move", new { position = 99 });
        Assert.Equal([a, b, c], (await w.LayoutAsync(w.Member))[0]);
        var moved = await w.Member.PostOkAsync($"/api/v1/cards/{a}/move", new { columnId = w.Columns[2], position = 0 });
        Assert.Equal("Done", moved["columnName"]!.GetValue<string>());
        var layout = await w.LayoutAsync(w.Member);
        Assert.Equal([b, c], layout[0]);
        Assert.Equal([a], layout[2]);
        Assert.Equal([[0, 1], [], [0]], await w.PositionsAsync(w.Member));
        await w.Member.DeleteOkAsync($"/api/v1/cards/{b}");
        Assert.Equal([[0], [], [0]], await w.PositionsAsync(w.Member));

        // A column of another board is refused, and nothing moves.
        var other = await w.Owner.PostOkAsync($"/api/v1/spheres/{w.Sphere}/boards", new { name = "Other" });
        var foreign = other["columns"]![0]!["id"]!.GetValue<Guid>();
        await Api.ProblemAsync(w.Member.PostAsync($"/api/v1/cards/{c}/move", new { columnId = foreign }), HttpStatusCode.UnprocessableEntity, "column_not_found");
        await Api.ProblemAsync(w.Member.PostAsync($"/api/v1/cards/{c}/move", new { position = -1 }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal([c], (await w.LayoutAsync(w.Member))[0]);
    }

    [Theory, Engines]
    public async Task Concurrent_moves_leave_every_card_exactly_once_in_a_total_order(Engine engine)
    {
        var w = await TaskWorld.CreateAsync(EnclaveApp.Shared(engine));
        var cards = new List<Guid>();
        for (var i = 0; i < 10; i++) cards.Add(await w.CardAsync(i % 2 == 0 ? w.Owner : w.Member, $"card {i}", i % 3));
        var rng = new Random(6);
        var moves = Enumerable.Range(0, 30).Select(i => (Card: cards[rng.Next(cards.Count)], Column: w.Columns[rng.Next(3)], Position: rng.Next(0, 6), Who: i % 2 == 0 ? w.Owner : w.Member)).ToList();
        var responses = await Task.WhenAll(moves.Select(m => m.Who.PostAsync($"/api/v1/cards/{m.Card}/move", new { columnId = m.Column, position = m.Position })));
        foreach (var response in responses) Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var layout = await w.LayoutAsync(w.Owner);
        Assert.Equal(cards.Order(), layout.SelectMany(c => c).Order());
        foreach (var positions in await w.PositionsAsync(w.Owner)) Assert.Equal(Enumerable.Range(0, positions.Count), positions);
        // Stable: reading again gives the same order.
        Assert.Equal(layout, await w.LayoutAsync(w.Member));
    }

    [Theory, Engines]
    public async Task Concurrent_card_creation_and_deletion_keep_positions_dense(Engine engine)
    {
        var w = await TaskWorld.CreateAsync(EnclaveApp.Shared(engine));
        var first = new List<Guid>();
        for (var i = 0; i < 6; i++) first.Add(await w.CardAsync(w.Owner, $"old {i}"));
        var creations = Enumerable.Range(0, 8).Select(i => w.Member.PostAsync($"/api/v1/boards/{w.Board}/cards", new { title = $"new {i}", columnId = w.Columns[0] }));
        var deletions = first.Take(3).Select(id => w.Owner.DeleteAsync($"/api/v1/cards/{id}"));
        foreach (var response in await Task.WhenAll(creations.Concat(deletions))) Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}");
        var positions = (await w.PositionsAsync(w.Owner))[0];
        Assert.Equal(Enumerable.Range(0, 11), positions);
    }

    [Theory, Engines]
    public async Task Columns_are_added_renamed_reordered_and_deleted_only_when_empty(Engine engine)
    {
        var w = await TaskWorld.CreateAsync(EnclaveApp.Shared(engine));
        var review = await w.Owner.PostOkAsync($"/api/v1/boards/{w.Board}/columns", new { name = "Review", position = 1 });
        var reviewId = review["id"]!.GetValue<Guid>();
        await w.Owner.PatchOkAsync($"/api/v1/task-columns/{reviewId}", new { name = "Checked", position = 3 });
        var board = await w.Owner.GetOkAsync($"/api/v1/boards/{w.Board}");
        Assert.Equal(["To do", "In progress", "Done", "Checked"], board["columns"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal([0, 1, 2, 3], board["columns"]!.AsArray().Select(c => c!["position"]!.GetValue<int>()));

        await w.CardAsync(w.Member, "busy", 1);
        await Api.ProblemAsync(w.Owner.DeleteAsync($"/api/v1/task-columns/{w.Columns[1]}"), HttpStatusCode.Conflict, "column_not_empty");
        await w.Owner.DeleteOkAsync($"/api/v1/task-columns/{w.Columns[0]}");
        board = await w.Owner.GetOkAsync($"/api/v1/boards/{w.Board}");
        Assert.Equal(["In progress", "Done", "Checked"], board["columns"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal([0, 1, 2], board["columns"]!.AsArray().Select(c => c!["position"]!.GetValue<int>()));

        var reorders = Enumerable.Range(0, 8).Select(i => w.Owner.PatchAsync($"/api/v1/task-columns/{(i % 2 == 0 ? reviewId : w.Columns[2])}", new { position = i % 3 }));
        foreach (var response in await Task.WhenAll(reorders)) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        board = await w.Owner.GetOkAsync($"/api/v1/boards/{w.Board}");
        Assert.Equal([0, 1, 2], board["columns"]!.AsArray().Select(c => c!["position"]!.GetValue<int>()));
    }
}

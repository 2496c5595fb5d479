namespace Enclave.Tests.Access.Watertightness.Tools;

/// <summary>
/// The kanban's read paths: a sphere's board list, a board, a card, its comments, the board
/// fragment, the three pages, and "my tasks" (exactly the cards assigned to the viewer in spheres
/// they read), for every persona against the oracle.
/// </summary>
public sealed class TasksProbe : IToolProbe
{
    private sealed record Seeded(ModelSphere Sphere, Guid Board, Guid Card, string Title, Guid Comment, IReadOnlyList<Guid> Assignees);

    private readonly List<Seeded> _seeded = [];

    public string Tool => "tasks";

    public IEnumerable<string> Required() =>
        from what in new[] { "tasks board list", "tasks board", "tasks card", "tasks comments", "tasks board page", "tasks card page", "tasks boards page" }
        from status in new[] { 200, 404 }
        select $"{what} {status}";

    public async Task SeedAsync(ToolWorld world)
    {
        foreach (var s in world.Spheres)
        {
            var writer = world.Writers(s)[0];
            var board = await world.WriteAsync(writer, HttpMethod.Post, $"/api/v1/spheres/{s.Id}/boards", new { name = $"Board {s.Id:N}" });
            if (board is null) continue;
            var boardId = board["id"]!.GetValue<Guid>();
            // Assignees among the sphere's participants (members past the charters), the writer first.
            var assignees = world.Participants(s).Where(u => u != writer).Take(2).Prepend(writer).ToList();
            var title = $"Card {Guid.NewGuid():N}";
            var card = await world.WriteAsync(writer, HttpMethod.Post, $"/api/v1/boards/{boardId}/cards", new { title, assigneeIds = assignees });
            if (card is null) continue;
            var cardId = card["id"]!.GetValue<Guid>();
            await world.WriteAsync(writer, HttpMethod.Post, $"/api/v1/boards/{boardId}/cards", new { title = "Unassigned" });
            var comment = await world.WriteAsync(writer, HttpMethod.Post, $"/api/v1/cards/{cardId}/comments", new { body = "A comment" });
            if (comment is null) continue;
            _seeded.Add(new Seeded(s, boardId, cardId, title, comment["id"]!.GetValue<Guid>(), assignees));
        }
    }

    public async Task CheckAsync(ToolWorld world, Persona viewer)
    {
        var elsewhere = world.OtherSpheres.FirstOrDefault();
        foreach (var item in _seeded)
        {
            var s = item.Sphere;
            var reads = world.Reads(viewer.UserId, s);
            var target = world.Describe(viewer, s);
            await world.ListAsync(viewer, "tasks board list", target, $"/api/v1/spheres/{s.Id}/boards", reads, new HashSet<Guid> { item.Board });
            await world.ItemAsync(viewer, "tasks board", target, $"/api/v1/boards/{item.Board}", reads);
            await world.ItemAsync(viewer, "tasks card", target, $"/api/v1/cards/{item.Card}", reads);
            await world.ListAsync(viewer, "tasks comments", target, $"/api/v1/cards/{item.Card}/comments", reads, new HashSet<Guid> { item.Comment });
            await world.RawAsync(viewer, "tasks board fragment", target, $"/ui/fragments/boards/{item.Board}", reads ? 200 : 404);
            await world.PageAsync(viewer, "tasks boards page", target, $"/s/{s.Id}/tasks", reads, [$"Board {s.Id:N}"]);
            await world.PageAsync(viewer, "tasks board page", target, $"/s/{s.Id}/tasks/{item.Board}", reads, [item.Title]);
            await world.PageAsync(viewer, "tasks card page", target, $"/s/{s.Id}/tasks/cards/{item.Card}", reads, [item.Title]);
            // A board's address under another sphere never shows it.
            if (elsewhere is not null)
                await world.PageAsync(viewer, "tasks board page", target, $"/s/{elsewhere.Id}/tasks/{item.Board}", false);
        }
        if (viewer.UserId is not { } me) return;
        var mine = _seeded.Where(i => i.Assignees.Contains(me) && world.Participates(me, i.Sphere)).Select(i => i.Card).ToHashSet();
        await world.ListAsync(viewer, "tasks my tasks", "my tasks", "/api/v1/me/tasks", true, mine);
    }
}

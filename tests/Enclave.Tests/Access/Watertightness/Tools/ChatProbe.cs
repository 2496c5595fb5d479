using System.Text;

namespace Enclave.Tests.Access.Watertightness.Tools;

/// <summary>
/// The chat's share of the watertightness property. Direct and group conversations are seeded
/// between people who take part in a common sphere; each sphere's channel gets messages from its
/// participants. Every persona then reads: their conversation list (exactly their conversations),
/// each conversation and its messages, files and page (only its people), and each channel's
/// history, files and page (only the sphere's participants: a public sphere's mere readers, and
/// everyone else, get 404; the anonymous visitor 401).
/// </summary>
public sealed class ChatProbe : IToolProbe
{
    private sealed record Seeded(Guid Id, HashSet<Guid> People, HashSet<Guid> Messages, List<Guid> Files, string Marker);

    private sealed record Channel(ModelSphere Sphere, Guid Id, HashSet<Guid> Messages, List<Guid> Files, string Marker);

    private readonly Dictionary<Guid, Seeded> _conversations = [];
    private readonly List<Channel> _channels = [];

    public string Tool => "chat";

    public IEnumerable<string> Required() =>
    [
        "chat conversations list 200", "chat conversation messages 200", "chat conversation messages 404",
        "chat conversation file 200", "chat conversation file 404", "chat conversation page 200", "chat conversation page 404",
        "chat channel messages 200", "chat channel messages 404", "chat channel file 200", "chat channel file 404",
        "chat channel page 200", "chat channel page 404",
    ];

    public async Task SeedAsync(ToolWorld world)
    {
        foreach (var sphere in world.Spheres)
        {
            var people = world.Participants(sphere);
            if (people.Count == 0) continue;
            await SeedChannelAsync(world, sphere, people);
            if (people.Count >= 2) await SeedConversationAsync(world, people[0], [people[1]], null);
            if (people.Count >= 3) await SeedConversationAsync(world, people[^1], [people[0], people[1]], "Group " + world.W.Name(sphere.Id));
        }
    }

    private async Task SeedChannelAsync(ToolWorld world, ModelSphere sphere, List<Guid> people)
    {
        var marker = $"chat-channel-{Guid.NewGuid():N}";
        var channel = await world.WriteAsync(people[0], HttpMethod.Get, $"/api/v1/spheres/{sphere.Id}/chat");
        if (channel is null) return;
        var id = channel["id"]!.GetValue<Guid>();
        var seeded = new Channel(sphere, id, [], [], marker);
        foreach (var author in people.Take(2))
        {
            var file = await world.UploadAsync(author, $"/api/v1/chat/conversations/{id}/attachments", Encoding.UTF8.GetBytes("notes " + marker), "notes.txt", "text/plain");
            var fileIds = file is null ? [] : new[] { file["id"]!.GetValue<Guid>() };
            var message = await world.WriteAsync(author, HttpMethod.Post, $"/api/v1/spheres/{sphere.Id}/chat/messages", new { body = marker, attachmentIds = fileIds });
            if (message is null) continue;
            seeded.Messages.Add(message["id"]!.GetValue<Guid>());
            seeded.Files.AddRange(fileIds);
        }
        _channels.Add(seeded);
    }

    private async Task SeedConversationAsync(ToolWorld world, Guid creator, List<Guid> others, string? title)
    {
        var created = await world.WriteAsync(creator, HttpMethod.Post, "/api/v1/chat/conversations", new { participantIds = others, title });
        if (created is null) return;
        var id = created["id"]!.GetValue<Guid>();
        if (!_conversations.TryGetValue(id, out var seeded))
            _conversations[id] = seeded = new Seeded(id, [creator, .. others], [], [], $"chat-conversation-{Guid.NewGuid():N}");
        var file = await world.UploadAsync(creator, $"/api/v1/chat/conversations/{id}/attachments", Encoding.UTF8.GetBytes("file " + seeded.Marker), "file.txt", "text/plain");
        var fileIds = file is null ? [] : new[] { file["id"]!.GetValue<Guid>() };
        foreach (var author in new[] { creator, others[0] })
        {
            var message = await world.WriteAsync(author, HttpMethod.Post, $"/api/v1/chat/conversations/{id}/messages",
                new { body = seeded.Marker, attachmentIds = author == creator ? fileIds : [] });
            if (message is not null) seeded.Messages.Add(message["id"]!.GetValue<Guid>());
        }
        seeded.Files.AddRange(fileIds);
    }

    public async Task CheckAsync(ToolWorld world, Persona viewer)
    {
        if (viewer.UserId is not { } me)
        {
            await AnonymousAsync(world, viewer);
            return;
        }
        var mine = _conversations.Values.Where(c => c.People.Contains(me)).Select(c => c.Id).ToHashSet();
        await world.ListAsync(viewer, "chat conversations list", "my conversations", "/api/v1/chat/conversations", true, mine, limit: 7);
        foreach (var c in _conversations.Values)
        {
            var member = c.People.Contains(me);
            var target = $"conversation {c.Id} of [{string.Join(", ", c.People.Select(world.W.Name))}]";
            await world.ListAsync(viewer, "chat conversation messages", target, $"/api/v1/chat/conversations/{c.Id}/messages", member, c.Messages, limit: 5);
            foreach (var file in c.Files)
                await world.RawAsync(viewer, "chat conversation file", target, $"/api/v1/chat/attachments/{file}", member ? 200 : 404);
            await world.PageAsync(viewer, "chat conversation page", target, $"/chat/{c.Id}", member, [c.Marker]);
        }
        foreach (var ch in _channels)
        {
            var member = world.Participates(me, ch.Sphere);
            var target = world.Describe(viewer, ch.Sphere);
            if (!member && world.Reads(me, ch.Sphere)) world.Probe.Cover("chat channel messages 404 for a reader without a role");
            await world.ListAsync(viewer, "chat channel messages", target, $"/api/v1/spheres/{ch.Sphere.Id}/chat/messages", member, ch.Messages, limit: 5);
            await world.ListAsync(viewer, "chat channel messages", target, $"/api/v1/chat/conversations/{ch.Id}/messages", member, ch.Messages, limit: 5);
            foreach (var file in ch.Files)
                await world.RawAsync(viewer, "chat channel file", target, $"/api/v1/chat/attachments/{file}", member ? 200 : 404);
            await world.PageAsync(viewer, "chat channel page", target, $"/s/{ch.Sphere.Id}/chat", member, [ch.Marker]);
        }
    }

    /// <summary>The chat is for signed-in people only: every read path asks the anonymous visitor to sign in.</summary>
    private async Task AnonymousAsync(ToolWorld world, Persona viewer)
    {
        world.Probe.Cover("chat anonymous 401");
        await world.Probe.StatusAsync(viewer, "my conversations", "/api/v1/chat/conversations", 401);
        foreach (var c in _conversations.Values.Take(3))
            await world.Probe.StatusAsync(viewer, $"conversation {c.Id}", $"/api/v1/chat/conversations/{c.Id}/messages", 401);
        foreach (var ch in _channels)
        {
            await world.Probe.StatusAsync(viewer, world.W.Name(ch.Sphere.Id), $"/api/v1/spheres/{ch.Sphere.Id}/chat/messages", 401);
            foreach (var file in ch.Files) await world.RawAsync(viewer, "chat anonymous file", world.W.Name(ch.Sphere.Id), $"/api/v1/chat/attachments/{file}", 401);
        }
    }
}

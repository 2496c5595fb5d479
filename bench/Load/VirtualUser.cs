using System.Text.Json;

namespace Enclave.Bench.Load;

public sealed record SphereInfo(Guid Id, Guid OrganizationId, string Type, string? Role)
{
    /// <summary>The app's rule (SphereAccess.CanPost) for a world without charters: staff, or members outside restricted spheres.</summary>
    public bool CanPost => Role is "administrator" or "publisher" || (Role == "member" && Type != "restricted");
}

/// <summary>
/// A seeded person driven by the benchmark. The state is what a person in a browser would have:
/// their spheres, the posts they last saw, and where they are scrolling.
/// </summary>
public sealed class VirtualUser(string userName, int instance)
{
    private readonly Lock _lock = new();
    private readonly List<Guid> _seen = [];
    private Guid? _scrollSphere;
    private string? _scrollCursor;
    private int _scrollPages;

    public string UserName { get; } = userName;
    public int Instance { get; } = instance;
    public Guid Id { get; set; }
    public string Token { get; set; } = "";
    public IReadOnlyList<SphereInfo> Spheres { get; set; } = [];
    public IReadOnlyList<SphereInfo> Postable { get; set; } = [];

    /// <summary>Remembers the posts of a feed page (the most recent 50), and the next cursor when scrolling.</summary>
    public void Saw(JsonDocument page, Guid? scrolling)
    {
        var ids = new List<Guid>();
        if (page.RootElement.TryGetProperty("items", out var items))
            foreach (var item in items.EnumerateArray()) ids.Add(item.GetProperty("id").GetGuid());
        lock (_lock)
        {
            _seen.AddRange(ids);
            if (_seen.Count > 50) _seen.RemoveRange(0, _seen.Count - 50);
            if (scrolling is { } sphere)
            {
                var next = page.RootElement.TryGetProperty("nextCursor", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                if (_scrollSphere != sphere) { _scrollSphere = sphere; _scrollPages = 0; }
                _scrollCursor = next;
                _scrollPages++;
            }
        }
    }

    public Guid? SeenPost(Random random)
    {
        lock (_lock) return _seen.Count == 0 ? null : _seen[random.Next(_seen.Count)];
    }

    /// <summary>"Open a sphere and scroll two pages": the next page of the current sphere, or a new sphere after the third page.</summary>
    public (Guid Sphere, string? Cursor)? NextSpherePage(Random random)
    {
        lock (_lock)
        {
            if (_scrollSphere is { } current && _scrollCursor is not null && _scrollPages < 3) return (current, _scrollCursor);
            if (Spheres.Count == 0) return null;
            _scrollSphere = null;
            return (Spheres[random.Next(Spheres.Count)].Id, null);
        }
    }
}

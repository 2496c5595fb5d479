namespace Enclave.Tests.Access.Watertightness.Tools;

/// <summary>
/// Classified ads as read paths: the sphere's ad list (unfiltered and filtered), each ad and both
/// web pages. An ad is a public post of its sphere, so it is seen exactly by the sphere's readers.
/// </summary>
public sealed class AdsProbe : IToolProbe
{
    private sealed record Seeded(ModelSphere Sphere, Guid Offer, Guid Job, string Title);

    private readonly List<Seeded> _seeded = [];

    public string Tool => "ads";

    public IEnumerable<string> Required() =>
        ["ads list 200", "ads list 404", "ads filtered 200", "ads filtered 404", "ad 200", "ad 404", "ads page 200", "ads page 404", "ad page 200", "ad page 404"];

    public async Task SeedAsync(ToolWorld world)
    {
        foreach (var s in world.Spheres)
        {
            var author = world.Writers(s)[0];
            var title = $"Ad title {Guid.NewGuid():N}";
            var offer = await world.WriteAsync(author, HttpMethod.Post, $"/api/v1/spheres/{s.Id}/ads",
                new { category = "offer", title, price = 25m, currency = "EUR", location = "Lyon" });
            var job = await world.WriteAsync(author, HttpMethod.Post, $"/api/v1/spheres/{s.Id}/ads", new { category = "job", title = title + " job" });
            if (offer is null || job is null) continue;
            _seeded.Add(new Seeded(s, offer["id"]!.GetValue<Guid>(), job["id"]!.GetValue<Guid>(), title));
        }
    }

    public async Task CheckAsync(ToolWorld world, Persona viewer)
    {
        foreach (var seeded in _seeded)
        {
            var s = seeded.Sphere;
            var reads = world.Reads(viewer.UserId, s);
            var target = world.Describe(viewer, s);
            await world.ListAsync(viewer, "ads list", target, $"/api/v1/spheres/{s.Id}/ads", reads, new HashSet<Guid> { seeded.Offer, seeded.Job }, limit: 1);
            await world.ListAsync(viewer, "ads filtered", target, $"/api/v1/spheres/{s.Id}/ads?category=offer&status=open&minPrice=10&q=lyon", reads,
                new HashSet<Guid> { seeded.Offer });
            foreach (var id in new[] { seeded.Offer, seeded.Job })
                await world.ItemAsync(viewer, "ad", target, $"/api/v1/ads/{id}", reads);
            await world.PageAsync(viewer, "ads page", target, $"/s/{s.Id}/ads", reads, [seeded.Title], null);
            await world.PageAsync(viewer, "ad page", target, $"/ads/{seeded.Offer}", reads, [seeded.Title], null);
        }
        foreach (var other in world.OtherSpheres.Take(2))
            await world.ListAsync(viewer, "ads list", world.Describe(viewer, other), $"/api/v1/spheres/{other.Id}/ads", world.Reads(viewer.UserId, other), new HashSet<Guid>());
    }
}

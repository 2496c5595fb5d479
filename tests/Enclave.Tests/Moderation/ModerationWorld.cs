using Enclave.Tests.Support;

namespace Enclave.Tests.Moderation;

/// <summary>Alice manages the organization and administers the sphere; Bob and Carol are members; the outsider is in the organization only.</summary>
internal sealed record ModerationWorld(Api Alice, Api Bob, Api Carol, Api Outsider, Guid Org, Guid Sphere)
{
    public static async Task<ModerationWorld> CreateAsync(EnclaveApp app, string type = "classic")
    {
        var alice = await app.SignUpAsync();
        var bob = await app.SignUpAsync();
        var carol = await app.SignUpAsync();
        var outsider = await app.SignUpAsync();
        var org = await alice.CreateOrganizationAsync();
        foreach (var person in new[] { bob, carol, outsider }) await alice.InviteAndAcceptAsync($"/api/v1/organizations/{org}", person);
        var sphere = await alice.CreateSphereAsync(org, type);
        await alice.InviteAndAcceptAsync($"/api/v1/spheres/{sphere}", bob);
        await alice.InviteAndAcceptAsync($"/api/v1/spheres/{sphere}", carol);
        return new ModerationWorld(alice, bob, carol, outsider, org, sphere);
    }

    public async Task<Guid> PostAsync(Api author, string body) =>
        (await author.PostOkAsync($"/api/v1/spheres/{Sphere}/posts", new { body }))["id"]!.GetValue<Guid>();

    public async Task<Guid> ReportPostAsync(Api reporter, Guid postId, string category = "spam") =>
        (await reporter.PostOkAsync($"/api/v1/posts/{postId}/reports", new { category, text = "Please look" }))["id"]!.GetValue<Guid>();

    /// <summary>The details of the viewer's moderation notifications of one kind.</summary>
    public static async Task<List<string>> NoticesAsync(Api api, string kind)
    {
        var list = await api.GetOkAsync("/api/v1/notifications");
        return list["items"]!.AsArray().Where(n => n!["kind"]!.GetValue<string>() == kind)
            .Select(n => n!["detail"]?.GetValue<string>() ?? "").ToList();
    }
}

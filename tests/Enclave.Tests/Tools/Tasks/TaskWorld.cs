using System.Text.Json.Nodes;
using Enclave.Tests.Support;

namespace Enclave.Tests.Tools.Tasks;

/// <summary>A sphere with its administrator (Owner), a member (Member), an outsider, and one board.</summary>
public sealed record TaskWorld(Api Owner, Api Member, Api Outsider, Guid Organization, Guid Sphere, Guid Board, IReadOnlyList<Guid> Columns)
{
    public static async Task<TaskWorld> CreateAsync(EnclaveApp app, string sphereType = "classic")
    {
        var owner = await app.SignUpAsync();
        var member = await app.SignUpAsync();
        var outsider = await app.SignUpAsync();
        var org = await owner.CreateOrganizationAsync();
        await owner.InviteAndAcceptAsync($"/api/v1/organizations/{org}", member);
        var sphere = await owner.CreateSphereAsync(org, sphereType);
        await owner.InviteAndAcceptAsync($"/api/v1/spheres/{sphere}", member);
        var board = await owner.PostOkAsync($"/api/v1/spheres/{sphere}/boards", new { name = "Launch" });
        var columns = board["columns"]!.AsArray().Select(c => c!["id"]!.GetValue<Guid>()).ToList();
        return new TaskWorld(owner, member, outsider, org, sphere, board["id"]!.GetValue<Guid>(), columns);
    }

    public async Task<Guid> CardAsync(Api who, string title, int column = 0, object? extra = null)
    {
        var body = new JsonObject { ["title"] = title, ["columnId"] = Columns[column] };
        if (extra is not null)
            foreach (var (k, v) in System.Text.Json.JsonSerializer.SerializeToNode(extra, Api.Json)!.AsObject()) body[k] = v?.DeepClone();
        var card = await who.PostOkAsync($"/api/v1/boards/{Board}/cards", body);
        return card["id"]!.GetValue<Guid>();
    }

    /// <summary>The board's card ids per column, in order, as the API shows them.</summary>
    public async Task<List<List<Guid>>> LayoutAsync(Api who)
    {
        var board = await who.GetOkAsync($"/api/v1/boards/{Board}");
        return board["columns"]!.AsArray().Select(c => c!["cards"]!.AsArray().Select(k => k!["id"]!.GetValue<Guid>()).ToList()).ToList();
    }

    public async Task<List<List<int>>> PositionsAsync(Api who)
    {
        var board = await who.GetOkAsync($"/api/v1/boards/{Board}");
        return board["columns"]!.AsArray().Select(c => c!["cards"]!.AsArray().Select(k => k!["position"]!.GetValue<int>()).ToList()).ToList();
    }
}

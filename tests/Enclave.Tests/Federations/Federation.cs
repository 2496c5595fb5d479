using System.Text.Json.Nodes;
using Enclave.Tests.Support;

namespace Enclave.Tests.Federations;

/// <summary>Steps shared by the federation tests.</summary>
internal static class Federation
{
    public static string Parent(Guid org) => $"/api/v1/organizations/{org}/parent";

    /// <summary>Attaches a daughter under a mother the caller also manages (immediate).</summary>
    public static async Task AttachAsync(this Api manager, Guid daughter, Guid mother)
    {
        var result = await manager.PutOkAsync(Parent(daughter), new { parentId = mother });
        Assert.Equal("attached", result["status"]!.GetValue<string>());
    }

    /// <summary>Every node id of a tree response, depth first.</summary>
    public static List<Guid> Ids(JsonNode tree)
    {
        var ids = new List<Guid> { tree["id"]!.GetValue<Guid>() };
        foreach (var child in tree["children"]!.AsArray()) ids.AddRange(Ids(child!));
        return ids;
    }

    public static async Task<List<Guid>> TreeAsync(this Api viewer, Guid org) => Ids(await viewer.GetOkAsync($"/api/v1/organizations/{org}/tree"));

    public static async Task<string?> RoleInAsync(this Api viewer, Guid org)
    {
        using var response = await viewer.GetAsync($"/api/v1/organizations/{org}");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return null;
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return body["myRole"]?.GetValue<string>() ?? "(" + body["view"]!.GetValue<string>() + ")";
    }
}

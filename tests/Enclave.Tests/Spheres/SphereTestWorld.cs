using System.Linq.Expressions;
using System.Text.Json.Nodes;
using Enclave.Server.Data;
using Enclave.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.Tests.Spheres;

/// <summary>Shortcuts shared by the sphere and membership tests: an organization with a manager and members.</summary>
public static class SphereTestWorld
{
    public const string V1 = "/api/v1";

    /// <summary>A manager, their organization, and <paramref name="members"/> plain members.</summary>
    public static async Task<(Api Manager, Guid Org, Api[] Members)> OrganizationWithMembersAsync(this EnclaveApp app, int members = 1, object? extra = null)
    {
        var manager = await app.SignUpAsync();
        var org = await manager.CreateOrganizationAsync(extra: extra);
        var people = new Api[members];
        for (var i = 0; i < members; i++)
        {
            people[i] = await app.SignUpAsync();
            await manager.InviteAndAcceptAsync($"{V1}/organizations/{org}", people[i]);
        }
        return (manager, org, people);
    }

    public static async Task<JsonNode> CreateSphereJsonAsync(this Api api, object body) =>
        await api.PostOkAsync($"{V1}/spheres", body);

    public static string S(Guid sphere, string rest = "") => $"{V1}/spheres/{sphere}{rest}";

    public static string O(Guid org, string rest = "") => $"{V1}/organizations/{org}{rest}";

    public static List<Guid> Ids(JsonNode page, string path = "id") =>
        page["items"]!.AsArray().Select(i => path == "user.id" ? i!["user"]!["id"]!.GetValue<Guid>() : i![path]!.GetValue<Guid>()).ToList();

    public static string Str(JsonNode node, string name) => node[name]!.GetValue<string>();

    /// <summary>Counts rows straight in the database, to prove that a rejected request wrote nothing (or a global sphere wrote no rows).</summary>
    public static async Task<int> CountAsync<T>(this EnclaveApp app, Expression<Func<T, bool>> where) where T : class
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<EnclaveDb>().Set<T>().CountAsync(where);
    }
}

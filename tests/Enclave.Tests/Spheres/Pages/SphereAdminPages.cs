using Enclave.Tests.Support;
using static Enclave.Tests.Spheres.SphereTestWorld;

namespace Enclave.Tests.Spheres.Pages;

/// <summary>Shared by the sphere administration page tests: an organization, a classic sphere, its administrator and one member.</summary>
internal static class SphereAdminPages
{
    public static readonly string[] Sections = ["members", "groups", "charter", "invitations", "requests", "settings", "notifications", "profile"];
    public static readonly string[] AdminOnly = ["invitations", "requests", "settings"];

    public static EnclaveApp App => EnclaveApp.Shared(Engine.Sqlite);

    public static async Task<(Api Admin, Guid Org, Api Member, Guid Sphere)> WorldAsync(string type = "classic")
    {
        var (admin, org, members) = await App.OrganizationWithMembersAsync();
        var sphere = await admin.CreateSphereAsync(org, type);
        await admin.InviteAndAcceptAsync(S(sphere), members[0]);
        return (admin, org, members[0], sphere);
    }
}

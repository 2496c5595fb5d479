using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Enclave.Tests.Support;

/// <summary>Builders for the common steps of a test: people, organizations, spheres.</summary>
public static class World
{
    private static int _counter;

    public const string Password = "correct horse battery staple";

    public static string UniqueName(string prefix = "u") =>
        $"{prefix}{Interlocked.Increment(ref _counter)}x{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Signs up a new person and returns a client carrying their session token as a bearer.</summary>
    public static async Task<Api> SignUpAsync(this EnclaveApp app, string? userName = null, string firstName = "Test", string lastName = "Person")
    {
        userName ??= UniqueName();
        var email = $"{userName}@example.org";
        var anonymous = app.Anonymous();
        var response = await anonymous.OkAsync(anonymous.PostAsync("/api/v1/auth/signup",
            new { userName, firstName, lastName, email, password = Password, mode = "token" }));
        var token = response["token"]!.GetValue<string>();
        var id = response["user"]!["id"]!.GetValue<Guid>();
        var http = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new Api(http, new TestUser(id, userName, email, Password, token));
    }

    public static async Task<Guid> CreateOrganizationAsync(this Api api, string? name = null, object? extra = null)
    {
        var body = new JsonObject { ["name"] = name ?? UniqueName("Org ") };
        if (extra is not null)
            foreach (var (k, v) in System.Text.Json.JsonSerializer.SerializeToNode(extra, Api.Json)!.AsObject()) body[k] = v?.DeepClone();
        var created = await api.PostOkAsync("/api/v1/organizations", body);
        return created["id"]!.GetValue<Guid>();
    }

    public static async Task<Guid> CreateSphereAsync(this Api api, Guid? organizationId, string type = "classic", string? name = null, bool listed = false)
    {
        var created = await api.PostOkAsync("/api/v1/spheres", new { organizationId, name = name ?? UniqueName("Sphere "), type, listedInPortal = listed });
        return created["id"]!.GetValue<Guid>();
    }

    /// <summary>Invites someone by user name into an organization or sphere and has them accept.</summary>
    public static async Task InviteAndAcceptAsync(this Api staff, string target, Api invitee, string? role = null)
    {
        var invitation = await staff.PostOkAsync($"{target}/invitations", new { userName = invitee.User!.UserName, role });
        await invitee.PostOkAsync("/api/v1/invitations/accept", new { token = invitation["token"]!.GetValue<string>() });
    }
}

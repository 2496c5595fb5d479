using System.Text.Json.Nodes;
using Enclave.Tests.Posts;
using Enclave.Tests.Support;

namespace Enclave.Tests.Tools.Events;

/// <summary>Builders shared by the events tests.</summary>
internal static class EventTestWorld
{
    public static Task<(Api Alice, Api Bob, Api Outsider, Guid Org, Guid Sphere)> SphereAsync(EnclaveApp app, string type = "classic") =>
        PostEndpointsTests.SphereWithTwoMembersAsync(app, type);

    /// <summary>A new person, in the organization and then the sphere.</summary>
    public static async Task<Api> MemberAsync(EnclaveApp app, Api admin, Guid org, Guid sphere)
    {
        var person = await app.SignUpAsync();
        await admin.InviteAndAcceptAsync($"/api/v1/organizations/{org}", person);
        await admin.InviteAndAcceptAsync($"/api/v1/spheres/{sphere}", person);
        return person;
    }

    public static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An event starting <paramref name="inHours"/> from the app's clock, lasting one hour.</summary>
    public static async Task<JsonNode> CreateAsync(Api author, EnclaveApp app, Guid sphere, string title = "Team meeting", int? capacity = null,
        double inHours = 48, int? remind = null, string type = "meeting")
    {
        var start = app.Clock.GetUtcNow().UtcDateTime.AddHours(inHours);
        return await author.PostOkAsync($"/api/v1/spheres/{sphere}/events", new
        {
            type, title, description = "Bring *ideas*", start = Iso(start), end = Iso(start.AddHours(1)), timeZone = "Europe/Paris",
            place = "Room 4", capacity, remindMinutesBefore = remind,
        });
    }

    public static Guid Id(this JsonNode node) => node["id"]!.GetValue<Guid>();
}

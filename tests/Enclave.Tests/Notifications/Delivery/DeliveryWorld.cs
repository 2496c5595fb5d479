using Enclave.Server.Data;
using Enclave.Server.Notifications.Delivery;
using Microsoft.EntityFrameworkCore;
using Enclave.Tests.Posts;
using Enclave.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.Tests.Notifications.Delivery;

/// <summary>Steps shared by the delivery tests: a sphere with two people, a mention, one dispatcher run.</summary>
internal static class DeliveryWorld
{
    /// <summary>An app whose background dispatcher never ticks during a test: the test runs the dispatcher itself.</summary>
    public static EnclaveApp NewApp(Engine engine, Dictionary<string, string?>? settings = null)
    {
        settings ??= [];
        settings["Mail:DispatchInterval"] = "1.00:00:00";
        return new EnclaveApp(engine, settings);
    }

    public static async Task<int> DispatchAsync(this EnclaveApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EmailDispatcher>().RunDueAsync(CancellationToken.None);
    }

    /// <summary>A sphere with alice and bob; the invitation emails it queued are taken off the queue, so tests see only their own.</summary>
    public static async Task<(Api Alice, Api Bob, Api Outsider, Guid Org, Guid Sphere)> SphereAsync(EnclaveApp app)
    {
        var world = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<EnclaveDb>().QueuedEmails.ExecuteDeleteAsync();
        return world;
    }

    public static async Task<Guid> MentionAsync(Api author, Guid sphere, Api mentioned, string text = "Look at this")
    {
        var post = await author.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = $"{text} @{mentioned.User!.UserName}" });
        return post["id"]!.GetValue<Guid>();
    }

    public static Task SetDeliveryAsync(Api api, int start = 0, int end = 24, string digest = "never", int? dailyMax = null, string zone = "UTC", string[]? days = null) =>
        api.PutOkAsync("/api/v1/me/notification-delivery", new
        {
            timeZone = zone, days = days ?? ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
            startHour = start, endHour = end, digest, dailyMax,
        });
}

using System.Net;
using Enclave.Tests.Support;

namespace Enclave.Tests.Notifications.Delivery;

/// <summary>First saves racing on the one-row-per-scope indexes are settled by the database, never a 500.</summary>
public sealed class DeliveryConcurrencyTests
{
    [Theory, Engines]
    public async Task Parallel_first_saves_of_channels_and_delivery_rules_all_succeed(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var bob = await app.SignUpAsync();
        var channels = Enumerable.Range(0, 6).Select(i => bob.PutAsync("/api/v1/me/notification-channels",
            new { channels = new[] { new { kind = "mentions", inApp = true, email = i % 2 == 0 } } }));
        var rules = Enumerable.Range(0, 6).Select(i => bob.PutAsync("/api/v1/me/notification-delivery",
            new { timeZone = "Europe/Paris", days = new[] { "monday" }, startHour = 8 + i, endHour = 20, digest = "weekly", dailyMax = 10 }));
        var answers = await Task.WhenAll(channels.Concat(rules));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));

        var stored = await bob.GetOkAsync("/api/v1/me/notification-channels");
        var mentions = stored["channels"]!.AsArray().Single(c => c!["kind"]!.GetValue<string>() == "mentions")!;
        Assert.True(mentions["inApp"]!.GetValue<bool>());
        var delivery = await bob.GetOkAsync("/api/v1/me/notification-delivery");
        Assert.InRange(delivery["startHour"]!.GetValue<int>(), 8, 13);
    }
}

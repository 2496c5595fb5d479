using Enclave.Server.Tools.Tasks;
using Enclave.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.Tests.Tools.Tasks;

/// <summary>Due-soon reminders: once per due date, 24 hours ahead, to assignees who still read the sphere; the schedule is in the database.</summary>
public sealed class TaskReminderTests
{
    private static async Task<int> RunAsync(EnclaveApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DueReminders>().RunDueAsync(CancellationToken.None);
    }

    private static async Task<List<string?>> DueSoonAsync(Api who) =>
        (await who.GetOkAsync("/api/v1/notifications"))["items"]!.AsArray()
            .Where(n => n!["kind"]!.GetValue<string>() == "task_due_soon").Select(n => n!["detail"]?.GetValue<string>()).ToList();

    [Theory, Engines]
    public async Task Assignees_hear_once_when_a_card_is_due_within_a_day_and_again_after_the_date_changes(Engine engine)
    {
        using var app = new EnclaveApp(engine);
        var w = await TaskWorld.CreateAsync(app);
        var now = app.Clock.GetUtcNow();
        var card = await w.CardAsync(w.Owner, "Pay the venue", extra: new { dueAt = now.AddHours(30), assigneeIds = new[] { w.Member.UserId } });
        await w.CardAsync(w.Owner, "Nobody's", extra: new { dueAt = now.AddHours(2) });

        Assert.Equal(0, await RunAsync(app));
        app.Clock.Advance(TimeSpan.FromHours(7));
        Assert.Equal(1, await RunAsync(app));
        Assert.Equal(["Pay the venue"], await DueSoonAsync(w.Member));
        Assert.Equal(0, await RunAsync(app));
        Assert.Single(await DueSoonAsync(w.Member));

        // A new due date is a new reminder.
        await w.Owner.PatchOkAsync($"/api/v1/cards/{card}", new { dueAt = app.Clock.GetUtcNow().AddHours(12) });
        Assert.Equal(1, await RunAsync(app));
        Assert.Equal(2, (await DueSoonAsync(w.Member)).Count);
        Assert.Empty(await DueSoonAsync(w.Owner));
    }
}

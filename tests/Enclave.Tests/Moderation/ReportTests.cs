using System.Net;
using Enclave.Tests.Support;

namespace Enclave.Tests.Moderation;

public sealed class ReportTests
{
    [Theory, Engines]
    public async Task Only_those_who_see_an_item_report_it_once(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var w = await ModerationWorld.CreateAsync(app);
        var post = await w.PostAsync(w.Bob, "Buy cheap watches");
        await Api.ProblemAsync(w.Outsider.PostAsync($"/api/v1/posts/{post}/reports", new { category = "spam" }), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(w.Carol.PostAsync($"/api/v1/posts/{post}/reports", new { category = "nonsense" }), HttpStatusCode.BadRequest);
        await Api.ProblemAsync(w.Carol.PostAsync($"/api/v1/posts/{post}/reports", new { category = "other", text = new string('x', 1001) }), HttpStatusCode.BadRequest, "validation_failed");
        await w.ReportPostAsync(w.Carol, post);
        await Api.ProblemAsync(w.Carol.PostAsync($"/api/v1/posts/{post}/reports", new { category = "harassment" }), HttpStatusCode.Conflict, "already_reported");

        var comment = (await w.Bob.PostOkAsync($"/api/v1/posts/{post}/comments", new { body = "spam again" }))["id"]!.GetValue<Guid>();
        await Api.ProblemAsync(w.Outsider.PostAsync($"/api/v1/comments/{comment}/reports", new { category = "spam" }), HttpStatusCode.NotFound, "not_found");
        await w.Carol.PostOkAsync($"/api/v1/comments/{comment}/reports", new { category = "off_topic" });
        await Api.ProblemAsync(w.Outsider.PostAsync($"/api/v1/spheres/{w.Sphere}/members/{w.Bob.UserId}/reports", new { category = "harassment" }), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(w.Carol.PostAsync($"/api/v1/spheres/{w.Sphere}/members/{w.Outsider.UserId}/reports", new { category = "harassment" }), HttpStatusCode.NotFound, "not_found");
        await w.Carol.PostOkAsync($"/api/v1/spheres/{w.Sphere}/members/{w.Bob.UserId}/reports", new { category = "harassment" });

        var queue = await w.Alice.GetOkAsync($"/api/v1/spheres/{w.Sphere}/moderation/reports");
        var items = queue["items"]!.AsArray();
        Assert.Equal(["post", "comment", "person"], items.Select(i => i!["targetType"]!.GetValue<string>()));
        Assert.Equal("Buy cheap watches", items[0]!["excerpt"]!.GetValue<string>());
        Assert.Null(items[0]!["reporter"]);
    }

    [Theory, Engines]
    public async Task Concurrent_identical_reports_create_one(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var w = await ModerationWorld.CreateAsync(app);
        var post = await w.PostAsync(w.Bob, "Report me fast");
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => w.Carol.PostAsync($"/api/v1/posts/{post}/reports", new { category = "spam" })));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var queue = await w.Alice.GetOkAsync($"/api/v1/spheres/{w.Sphere}/moderation/reports");
        Assert.Single(queue["items"]!.AsArray());
    }

    [Theory, Engines]
    public async Task Queues_are_for_administrators_and_managers(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var w = await ModerationWorld.CreateAsync(app);
        var post = await w.PostAsync(w.Bob, "Queue me");
        var report = await w.ReportPostAsync(w.Carol, post);
        await Api.ProblemAsync(w.Bob.GetAsync($"/api/v1/spheres/{w.Sphere}/moderation/reports"), HttpStatusCode.Forbidden, "not_moderator");
        await Api.ProblemAsync(w.Outsider.GetAsync($"/api/v1/spheres/{w.Sphere}/moderation/reports"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(w.Bob.GetAsync($"/api/v1/organizations/{w.Org}/moderation/reports"), HttpStatusCode.Forbidden, "not_manager");
        await Api.ProblemAsync(w.Bob.PostAsync($"/api/v1/moderation/reports/{report}/dismiss"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(w.Bob.GetAsync($"/api/v1/spheres/{w.Sphere}/moderation/reports?status=weird"), HttpStatusCode.BadRequest);
        var org = await w.Alice.GetOkAsync($"/api/v1/organizations/{w.Org}/moderation/reports");
        var item = org["items"]!.AsArray().Single()!;
        Assert.Equal(report, item["id"]!.GetValue<Guid>());
        Assert.Null(item["excerpt"]);
        var stranger = await app.SignUpAsync();
        await Api.ProblemAsync(stranger.GetAsync($"/api/v1/organizations/{w.Org}/moderation/reports"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(stranger.GetAsync($"/api/v1/spheres/{w.Sphere}/moderation/reports"), HttpStatusCode.NotFound, "not_found");
    }
}

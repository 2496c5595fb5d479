using System.Net;
using System.Text.Json.Nodes;
using Enclave.Server.Tools.Ads;
using Enclave.Tests.Posts;
using Enclave.Tests.Posts.Attachments;
using Enclave.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Tests.Tools.Ads;

public sealed class AdEndpointsTests
{
    internal static Task<JsonNode> CreateAsync(Api author, Guid sphere, object body) => author.PostOkAsync($"/api/v1/spheres/{sphere}/ads", body);

    [Theory, Engines]
    public async Task An_ad_is_a_post_with_photos_and_its_card_seen_by_members_only(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, outsider, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var photo = await alice.UploadOkAsync(sphere, "bike.png", Uploads.Png());
        var ad = await CreateAsync(alice, sphere, new { category = "offer", title = "City bike", body = "Barely used, *blue*.", price = 120.5m, currency = "EUR", location = "Lyon", attachmentIds = new[] { photo } });
        var id = ad["id"]!.GetValue<Guid>();
        var postId = ad["postId"]!.GetValue<Guid>();
        Assert.Equal("offer", ad["category"]!.GetValue<string>());
        Assert.Equal("open", ad["status"]!.GetValue<string>());
        Assert.Equal(120.5m, ad["price"]!.GetValue<decimal>());
        Assert.Equal(photo, Assert.Single(ad["post"]!["attachments"]!.AsArray())!["id"]!.GetValue<Guid>());

        // The post is in the feed, with the ad card.
        var feed = await bob.GetOkAsync($"/api/v1/spheres/{sphere}/posts");
        var post = feed["items"]!.AsArray().Single(p => p!["id"]!.GetValue<Guid>() == postId)!;
        Assert.Equal("ad", post["tool"]!["kind"]!.GetValue<string>());
        Assert.Equal(id, post["tool"]!["id"]!.GetValue<Guid>());
        Assert.Equal("City bike", post["tool"]!["title"]!.GetValue<string>());
        Assert.Equal("offer", post["tool"]!["data"]!["category"]!.GetValue<string>());
        await bob.PostOkAsync($"/api/v1/posts/{postId}/comments", new { body = "Still available?" });
        Assert.Equal(1, (await bob.GetOkAsync($"/api/v1/ads/{id}"))["post"]!["commentCount"]!.GetValue<int>());

        await Api.ProblemAsync(outsider.GetAsync($"/api/v1/ads/{id}"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(outsider.GetAsync($"/api/v1/spheres/{sphere}/ads"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(app.Anonymous().GetAsync($"/api/v1/ads/{id}"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(bob.GetAsync($"/api/v1/ads/{Guid.CreateVersion7()}"), HttpStatusCode.NotFound, "not_found");

        // Status: the author or staff; other members get 403. Fields: the author only.
        await Api.ProblemAsync(bob.PostAsync($"/api/v1/ads/{id}/status", new { status = "reserved" }), HttpStatusCode.Forbidden, "not_author");
        await Api.ProblemAsync(bob.PatchAsync($"/api/v1/ads/{id}", new { title = "Mine" }), HttpStatusCode.Forbidden, "not_author");
        Assert.Equal("reserved", (await alice.PostOkAsync($"/api/v1/ads/{id}/status", new { status = "reserved" }))["status"]!.GetValue<string>());
        var edited = await alice.PatchOkAsync($"/api/v1/ads/{id}", new { price = 99m, currency = "EUR", location = "Villeurbanne" });
        Assert.Equal(99m, edited["price"]!.GetValue<decimal>());
        Assert.Equal("Villeurbanne", edited["location"]!.GetValue<string>());
        Assert.Null((await alice.PatchOkAsync($"/api/v1/ads/{id}", new { clearPrice = true }))["price"]);

        // Deleting the post deletes the ad.
        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync($"/api/v1/posts/{postId}")).StatusCode);
        await Api.ProblemAsync(bob.GetAsync($"/api/v1/ads/{id}"), HttpStatusCode.NotFound, "not_found");
        Assert.False(await app.WithDbAsync(db => db.Set<Ad>().AnyAsync(a => a.Id == id)));
    }

    [Theory, Engines]
    public async Task Bad_ads_are_refused_and_leave_nothing(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        async Task Refused(object body, string field)
        {
            var problem = await Api.ProblemAsync(alice.PostAsync($"/api/v1/spheres/{sphere}/ads", body), HttpStatusCode.BadRequest, "validation_failed");
            Assert.NotNull(problem["errors"]![field]);
        }
        await Refused(new { title = "T" }, "category");
        await Refused(new { category = "offer", title = "" }, "title");
        await Refused(new { category = "offer", title = "T", price = 10m }, "currency");
        await Refused(new { category = "offer", title = "T", price = 10m, currency = "euro" }, "currency");
        await Refused(new { category = "offer", title = "T", currency = "EUR" }, "price");
        await Refused(new { category = "offer", title = "T", price = -1m, currency = "EUR" }, "price");
        await Refused(new { category = "offer", title = "T", price = 1.234m, currency = "EUR" }, "price");
        await Api.ProblemAsync(alice.PostAsync($"/api/v1/spheres/{sphere}/ads", new { category = "car", title = "T" }), HttpStatusCode.BadRequest);

        var pdf = await alice.UploadOkAsync(sphere, "terms.pdf", Uploads.Pdf());
        await Api.ProblemAsync(alice.PostAsync($"/api/v1/spheres/{sphere}/ads", new { category = "offer", title = "T", attachmentIds = new[] { pdf } }), (HttpStatusCode)422, "ad_photo_not_image");
        var bobs = await bob.UploadOkAsync(sphere, "b.png", Uploads.Png());
        await Api.ProblemAsync(alice.PostAsync($"/api/v1/spheres/{sphere}/ads", new { category = "offer", title = "T", attachmentIds = new[] { bobs } }), (HttpStatusCode)422, "attachment_unavailable");
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Ad>().CountAsync(a => a.SphereId == sphere)));
        Assert.Empty((await alice.GetOkAsync($"/api/v1/spheres/{sphere}/posts"))["items"]!.AsArray());
        // The refused photo is still pending, usable for a post.
        Assert.Null(await app.WithDbAsync(db => db.Attachments.Where(a => a.Id == bobs).Select(a => a.PostId).FirstAsync()));
    }

    [Theory, Engines]
    public async Task The_list_filters_by_category_status_text_and_price_and_pages(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var sofa = (await CreateAsync(alice, sphere, new { category = "offer", title = "Red sofa", price = 50m, currency = "EUR", location = "Paris" }))["id"]!.GetValue<Guid>();
        var drill = (await CreateAsync(bob, sphere, new { category = "lending", title = "Drill", location = "Nantes" }))["id"]!.GetValue<Guid>();
        var job = (await CreateAsync(alice, sphere, new { category = "job", title = "Intern wanted", price = 800m, currency = "EUR" }))["id"]!.GetValue<Guid>();
        await alice.PostOkAsync($"/api/v1/ads/{job}/status", new { status = "closed" });

        async Task<Guid[]> Ids(string query) => (await bob.GetOkAsync($"/api/v1/spheres/{sphere}/ads{query}"))["items"]!.AsArray().Select(a => a!["id"]!.GetValue<Guid>()).ToArray();
        Assert.Equal([job, drill, sofa], await Ids(""));
        Assert.Equal([drill], await Ids("?category=lending"));
        Assert.Equal([drill, sofa], await Ids("?status=open"));
        Assert.Equal([sofa], await Ids("?q=SOFA"));
        Assert.Equal([drill], await Ids("?q=nant"));
        Assert.Equal([sofa], await Ids("?maxPrice=100"));
        Assert.Equal([job], await Ids("?minPrice=50.01"));
        Assert.Equal([job, sofa], await Ids("?minPrice=50&currency=eur"));
        await Api.ProblemAsync(bob.GetAsync($"/api/v1/spheres/{sphere}/ads?minPrice=10&maxPrice=5"), HttpStatusCode.BadRequest, "validation_failed");
        await Api.ProblemAsync(bob.GetAsync($"/api/v1/spheres/{sphere}/ads?category=car"), HttpStatusCode.BadRequest);

        var first = await bob.GetOkAsync($"/api/v1/spheres/{sphere}/ads?limit=2");
        Assert.Equal(2, first["items"]!.AsArray().Count);
        var second = await bob.GetOkAsync($"/api/v1/spheres/{sphere}/ads?limit=2&cursor={first["nextCursor"]!.GetValue<string>()}");
        Assert.Equal(sofa, Assert.Single(second["items"]!.AsArray())!["id"]!.GetValue<Guid>());
        Assert.Null(second["nextCursor"]);
    }

    [Theory, Engines]
    public async Task Posts_refuse_an_ad_of_another_sphere(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, _, _, org, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var other = await alice.CreateSphereAsync(org);
        var elsewhere = await CreateAsync(alice, other, new { category = "other", title = "Elsewhere" });
        await Api.ProblemAsync(alice.PostAsync($"/api/v1/spheres/{sphere}/posts", new { body = "x", tool = new { kind = "ad", id = elsewhere["id"]!.GetValue<Guid>() } }),
            (HttpStatusCode)422, "tool_item_not_found");
        await Api.ProblemAsync(alice.PostAsync($"/api/v1/spheres/{sphere}/posts", new { body = "x", tool = new { kind = "ad" } }), HttpStatusCode.BadRequest, "validation_failed");
        var here = await CreateAsync(alice, sphere, new { category = "other", title = "Here" });
        var shared = await alice.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "Look", tool = new { kind = "ad", id = here["id"]!.GetValue<Guid>() } });
        Assert.Equal("Here", shared["tool"]!["title"]!.GetValue<string>());
    }
}

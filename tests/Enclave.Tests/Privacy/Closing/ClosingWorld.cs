using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Enclave.Server.Privacy.Closing;
using Enclave.Tests.Posts.Attachments;
using Enclave.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.Tests.Privacy.Closing;

/// <summary>
/// A small world around one person with distinctive names, Zebulon Quixotesque, who writes,
/// reacts, mentions and is mentioned, uploads files and has private posts; Alice and Bob are the
/// others whose data must survive the purge.
/// </summary>
internal sealed class ClosingWorld
{
    public const string FirstName = "Zebulon";
    public const string LastName = "Quixotesque";

    public required Api Alice { get; set; }
    public required Api Bob { get; set; }
    public required Api Zeb { get; init; }
    public required Guid Org { get; init; }
    public required Guid Sphere { get; init; }
    public required Guid AlicePost { get; init; }
    public required Guid BobPost { get; init; }
    public required Guid ZebPublicPost { get; init; }
    public required Guid ZebPrivatePost { get; init; }
    public required Guid AliceCommentOnZeb { get; init; }
    public required Guid ZebAttachment { get; init; }

    public string[] Identity => [Zeb.User!.UserName, FirstName, LastName, Zeb.User.Email];

    public static async Task<ClosingWorld> BuildAsync(EnclaveApp app)
    {
        var alice = await app.SignUpAsync(firstName: "Alice", lastName: "Martin");
        var bob = await app.SignUpAsync(firstName: "Bob", lastName: "Durand");
        var zeb = await app.SignUpAsync("zebulonq" + Guid.NewGuid().ToString("N")[..6], FirstName, LastName);
        var org = await alice.CreateOrganizationAsync();
        await alice.InviteAndAcceptAsync($"/api/v1/organizations/{org}", bob);
        await alice.InviteAndAcceptAsync($"/api/v1/organizations/{org}", zeb);
        var sphere = await alice.CreateSphereAsync(org);
        await alice.InviteAndAcceptAsync($"/api/v1/spheres/{sphere}", bob);
        await alice.InviteAndAcceptAsync($"/api/v1/spheres/{sphere}", zeb);
        var name = zeb.User!.UserName;

        var avatar = new ByteArrayContent(Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="));
        avatar.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        await zeb.OkAsync(zeb.Http.PutAsync("/api/v1/me/avatar", avatar));
        await zeb.OkAsync(zeb.PatchAsync("/api/v1/me", new { bio = "Collector of rare zebra stamps", status = "On holiday" }));
        await zeb.PutOkAsync($"/api/v1/spheres/{sphere}/profile", new { bio = "Sphere bio of the zebra collector" });

        var alicePost = await Id(alice.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "Agenda for Monday, ideas welcome" }));
        var bobPost = await Id(bob.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = $"Hello @{name} and everyone" }));
        var uploaded = await zeb.OkAsync(zeb.UploadMultipartAsync(sphere, $"{name}-{LastName}-notes.png", Uploads.Png(900)));
        var attachment = uploaded["id"]!.GetValue<Guid>();
        var zebPublic = await Id(zeb.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "Draft plan for @" + alice.User!.UserName, attachmentIds = new[] { attachment } }));
        await zeb.PatchOkAsync($"/api/v1/posts/{zebPublic}", new { body = "Final plan for @" + alice.User.UserName });
        var zebPrivate = await Id(zeb.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "Just between us", recipientIds = new[] { alice.UserId } }));
        await zeb.PostOkAsync($"/api/v1/posts/{alicePost}/comments", new { body = $"Count me in, @{bob.User!.UserName}" });
        var aliceComment = await Id(alice.PostOkAsync($"/api/v1/posts/{zebPublic}/comments", new { body = $"Thanks @{name}!" }));
        await alice.PostOkAsync($"/api/v1/posts/{zebPrivate}/comments", new { body = "Agreed" });
        await zeb.PostOkAsync($"/api/v1/posts/{alicePost}/reactions/thanks");
        await alice.PostOkAsync($"/api/v1/posts/{zebPublic}/reactions/like");
        var personal = await zeb.CreateSphereAsync(null, name: "Notebook");
        await zeb.PostOkAsync($"/api/v1/spheres/{personal}/posts", new { body = "Personal note" });
        await zeb.GetOkAsync($"/api/v1/spheres/{sphere}/posts"); // a read marker
        return new ClosingWorld
        {
            Alice = alice, Bob = bob, Zeb = zeb, Org = org, Sphere = sphere, AlicePost = alicePost, BobPost = bobPost,
            ZebPublicPost = zebPublic, ZebPrivatePost = zebPrivate, AliceCommentOnZeb = aliceComment, ZebAttachment = attachment,
        };
    }

    /// <summary>After the clock jumped past the grace period, the others' sessions have expired too: they sign in again.</summary>
    public async Task SignInOthersAgainAsync(EnclaveApp app)
    {
        Alice = await SignInAsync(app, Alice.User!);
        Bob = await SignInAsync(app, Bob.User!);
    }

    public static async Task<Api> SignInAsync(EnclaveApp app, TestUser user)
    {
        var anonymous = app.Anonymous();
        var session = await anonymous.PostOkAsync("/api/v1/auth/login", new { login = user.UserName, password = user.Password, mode = "token" });
        var token = session["token"]!.GetValue<string>();
        var http = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new Api(http, user with { Token = token });
    }

    public Task<JsonNode> CloseAsync(string choice) => Zeb.PostOkAsync("/api/v1/me/close", new { password = World.Password, choice });

    public static async Task<int> PurgeAsync(EnclaveApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AccountPurge>().RunDueAsync(CancellationToken.None);
    }

    private static async Task<Guid> Id(Task<JsonNode> call) => (await call)["id"]!.GetValue<Guid>();
}

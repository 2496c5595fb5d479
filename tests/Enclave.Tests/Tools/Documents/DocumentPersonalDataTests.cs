using System.Net;
using Enclave.Tests.Posts;
using Enclave.Tests.Privacy.Closing;
using Enclave.Tests.Support;

namespace Enclave.Tests.Tools.Documents;

/// <summary>Closing an account: files stay with the sphere anonymously, or the ones the person created go with "delete everything".</summary>
public sealed class DocumentPersonalDataTests
{
    [Theory]
    [InlineData(Engine.Sqlite, "anonymize")]
    [InlineData(Engine.Sqlite, "deleteEverything")]
    [InlineData(Engine.Postgres, "anonymize")]
    [InlineData(Engine.Postgres, "deleteEverything")]
    public async Task Closing_an_account_anonymizes_or_deletes_its_documents(Engine engine, string choice)
    {
        using var app = new EnclaveApp(engine);
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var folder = (await bob.PostOkAsync($"/api/v1/spheres/{sphere}/documents/folders", new { name = "Bob's folder" })).Id();
        var bobs = (await bob.UploadOkAsync(sphere, $"notes-{bob.User!.UserName}.txt", Docs.Bytes(40, 1))).Id();
        var alices = (await alice.UploadOkAsync(sphere, "plan.txt", Docs.Bytes(40, 2))).Id();
        await bob.OkAsync(bob.NewVersionAsync(alices, Docs.Bytes(40, 3)));
        await bob.PostOkAsync($"/api/v1/documents/files/{alices}/lock");

        await bob.PostOkAsync("/api/v1/me/close", new { password = World.Password, choice });
        app.Clock.Advance(TimeSpan.FromDays(31));
        Assert.Equal(1, await ClosingWorld.PurgeAsync(app));
        // A month later, Alice's session has expired too.
        alice = await ClosingWorld.SignInAsync(app, alice.User!);

        var plan = await alice.GetOkAsync($"/api/v1/documents/files/{alices}");
        Assert.Null(plan["lock"]);
        var versions = await alice.GetOkAsync($"/api/v1/documents/files/{alices}/versions");
        Assert.Equal(2, versions["items"]!.AsArray().Count);
        Assert.Null(versions["items"]![0]!["uploader"]);
        Assert.Equal(alice.UserId, versions["items"]![1]!["uploader"]!["id"]!.GetValue<Guid>());
        var root = await alice.GetOkAsync($"/api/v1/spheres/{sphere}/documents");
        Assert.Null(root["folders"]!.AsArray().Single(f => f!.Id() == folder)!["createdBy"]);
        if (choice == "anonymize")
        {
            var notes = await alice.GetOkAsync($"/api/v1/documents/files/{bobs}");
            Assert.Null(notes["uploader"]);
            Assert.Equal("file.txt", notes["name"]!.GetValue<string>());
        }
        else
            await Api.ProblemAsync(alice.GetAsync($"/api/v1/documents/files/{bobs}"), HttpStatusCode.NotFound, "not_found");
    }
}

using Enclave.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Enclave.Tests.Posts.Attachments;

namespace Enclave.Tests.Privacy.Closing;

/// <summary>
/// The promise of closing an account, checked the blunt way: after the purge, no table, column,
/// search index entry, file name or outbox name anywhere holds the person's user name, names or
/// email; and what belongs to others is intact.
/// </summary>
public sealed class NoTraceScanTests
{
    [Theory, Engines]
    public async Task Deleting_everything_leaves_no_trace_and_others_keep_their_words(Engine engine)
    {
        using var app = new EnclaveApp(engine);
        var w = await ClosingWorld.BuildAsync(app);
        var avatarFiles = BlobFiles(app);
        await w.CloseAsync("deleteEverything");
        app.Clock.Advance(TimeSpan.FromDays(31));
        Assert.Equal(1, await ClosingWorld.PurgeAsync(app));
        await w.SignInOthersAgainAsync(app);

        await AssertNoTraceAsync(app, w);
        Assert.Null(await app.WithDbAsync(db => db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == w.Zeb.UserId)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Posts.CountAsync(p => p.AuthorId == w.Zeb.UserId)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Comments.CountAsync(c => c.AuthorId == w.Zeb.UserId)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Attachments.CountAsync(a => a.UploaderId == w.Zeb.UserId)));
        Assert.True(BlobFiles(app) < avatarFiles, "the person's files are deleted from the blob store");

        // Others: Alice's post stays, without Zeb's comment (its count follows); Bob's post stays, the mention rewritten.
        var alicePost = await w.Alice.GetOkAsync($"/api/v1/posts/{w.AlicePost}");
        Assert.Equal(0, alicePost["commentCount"]!.GetValue<int>());
        Assert.Empty(alicePost["reactions"]!.AsArray());
        var bobPost = await w.Bob.GetOkAsync($"/api/v1/posts/{w.BobPost}");
        Assert.Equal("Hello @former-member and everyone", bobPost["body"]!.GetValue<string>());
        await Api.ProblemAsync(w.Alice.GetAsync($"/api/v1/posts/{w.ZebPublicPost}"), System.Net.HttpStatusCode.NotFound, "not_found");
        var members = await w.Alice.GetOkAsync($"/api/v1/organizations/{w.Org}/members");
        Assert.Equal(2, members["items"]!.AsArray().Count);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "account.purged" && a.SubjectUserId == w.Zeb.UserId)));
    }

    [Theory, Engines]
    public async Task Anonymizing_keeps_public_words_as_former_member_with_no_identity_left(Engine engine)
    {
        using var app = new EnclaveApp(engine);
        var w = await ClosingWorld.BuildAsync(app);
        await w.CloseAsync("anonymize");
        app.Clock.Advance(TimeSpan.FromDays(31));
        Assert.Equal(1, await ClosingWorld.PurgeAsync(app));
        await w.SignInOthersAgainAsync(app);

        await AssertNoTraceAsync(app, w);
        // The public post stays, by "Former member", with Alice's comment under it and its history.
        var post = await w.Alice.GetOkAsync($"/api/v1/posts/{w.ZebPublicPost}");
        Assert.Equal("Final plan for @" + w.Alice.User!.UserName, post["body"]!.GetValue<string>());
        Assert.True(post["author"]!["former"]!.GetValue<bool>());
        Assert.Equal("Former member", post["author"]!["displayName"]!.GetValue<string>());
        Assert.Null(post["author"]!["avatarUrl"]);
        Assert.Equal(1, post["commentCount"]!.GetValue<int>());
        var comments = await w.Alice.GetOkAsync($"/api/v1/posts/{w.ZebPublicPost}/comments");
        Assert.Equal("Thanks @former-member!", Assert.Single(comments["items"]!.AsArray())!["body"]!.GetValue<string>());
        var file = Assert.Single(post["attachments"]!.AsArray())!;
        Assert.Equal("file.png", file["fileName"]!.GetValue<string>());
        Assert.NotEmpty(await w.Alice.DownloadOkAsync(w.ZebAttachment));
        // Zeb's comment on Alice's post stays too; his reaction goes; the private post goes.
        var alicePost = await w.Alice.GetOkAsync($"/api/v1/posts/{w.AlicePost}");
        Assert.Equal(1, alicePost["commentCount"]!.GetValue<int>());
        Assert.Empty(alicePost["reactions"]!.AsArray());
        await Api.ProblemAsync(w.Alice.GetAsync($"/api/v1/posts/{w.ZebPrivatePost}"), System.Net.HttpStatusCode.NotFound, "not_found");
        var bobPost = await w.Bob.GetOkAsync($"/api/v1/posts/{w.BobPost}");
        Assert.Equal("Hello @former-member and everyone", bobPost["body"]!.GetValue<string>());
        Assert.DoesNotContain("/people/", bobPost["bodyHtml"]!.GetValue<string>());
        // The tombstone can never sign in, and is in no list.
        var tombstone = await app.WithDbAsync(db => db.Users.AsNoTracking().FirstAsync(u => u.Id == w.Zeb.UserId));
        Assert.StartsWith("former-", tombstone.UserName);
        Assert.Equal("", tombstone.PasswordHash);
        Assert.Null(tombstone.PurgeAfter);
        var members = await w.Alice.GetOkAsync($"/api/v1/organizations/{w.Org}/members");
        Assert.Equal(2, members["items"]!.AsArray().Count);
    }

    private static async Task AssertNoTraceAsync(EnclaveApp app, ClosingWorld w)
    {
        var hits = await DatabaseScan.FindAsync(app, w.Identity);
        Assert.True(hits.Count == 0, "Traces left:\n" + string.Join("\n", hits));
        Assert.Empty(DatabaseScan.FindInFileNames(app.BlobRoot(), w.Identity));
        Assert.Empty(DatabaseScan.FindInFileNames(app.Outbox, w.Identity));
        // The scan does find what is there: Alice is still everywhere.
        Assert.NotEmpty(await DatabaseScan.FindAsync(app, [w.Alice.User!.UserName]));
    }

    private static int BlobFiles(EnclaveApp app) => app.BlobFileCount();
}

using Enclave.Server.Accounts;
using Enclave.Server.Data;
using Enclave.Server.Posts;
using Enclave.Server.Posts.Attachments;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Privacy.Closing;

/// <summary>
/// The core tables' part of a purge (accounts, memberships, posts, files, notifications). It runs
/// after every feature's <see cref="IPersonalDataEraser"/>, because it removes (or scrubs) the user
/// row those features' rows hang from. Everything goes into the purge's one transaction.
/// </summary>
public sealed class CoreEraser
{
    public async Task EraseAsync(PersonalDataErasure erasure, CancellationToken cancellationToken)
    {
        var db = erasure.Db;
        var id = erasure.UserId;
        var user = await db.Users.FirstAsync(u => u.Id == id, cancellationToken);
        var personal = user.PersonalOrganizationId;
        var deleteAll = erasure.Choice == ClosingChoice.DeleteEverything;

        // Posts that go: all of theirs, or (anonymizing) their private ones; and everything in their personal organization.
        var posts = db.Posts.Where(p => (p.AuthorId == id && (deleteAll || p.IsPrivate)) || p.OrganizationId == personal);
        // Comments that go: all of theirs, or their part of private conversations.
        var comments = db.Comments.Where(c => c.AuthorId == id && (deleteAll || db.Posts.Any(p => p.Id == c.PostId && p.IsPrivate)));
        var touchedPosts = await comments.Select(c => c.PostId).Distinct().ToListAsync(cancellationToken);

        var attachments = db.Attachments.Where(a => (a.UploaderId == id && (deleteAll || a.PostId == null)) || a.OrganizationId == personal ||
            posts.Any(p => p.Id == a.PostId));
        erasure.BlobsToDelete.AddRange(await attachments.Select(a => new ValueTuple<Guid, string>(a.OrganizationId, a.BlobKey)).ToListAsync(cancellationToken));
        erasure.BlobsToDelete.AddRange(await db.SphereProfiles.Where(p => p.UserId == id && p.AvatarKey != null)
            .Select(p => new ValueTuple<Guid, string>(p.OrganizationId, p.AvatarKey!)).ToListAsync(cancellationToken));
        if (user.AvatarKey is { } avatar) erasure.BlobsToDelete.Add((personal, avatar));

        await attachments.ExecuteDeleteAsync(cancellationToken);
        await comments.ExecuteDeleteAsync(cancellationToken);
        await posts.ExecuteDeleteAsync(cancellationToken);
        // Comment counts of other people's posts lose the comments that went.
        await db.Posts.Where(p => touchedPosts.Contains(p.Id)).ExecuteUpdateAsync(s => s.SetProperty(p => p.CommentCount,
            p => db.Comments.Count(c => c.PostId == p.Id && c.Status == CommentStatus.Published)), cancellationToken);
        // A reaction means "this person liked it": without the person it means nothing, so it goes in both cases.
        await db.Reactions.Where(r => r.UserId == id).ExecuteDeleteAsync(cancellationToken);

        // Others' words stay in both cases, but a mention of the person no longer names them.
        await RewriteMentionsAsync(db, user, cancellationToken);
        await DeleteAboutAsync(db, user, cancellationToken);
        if (deleteAll)
        {
            await db.Users.Where(u => u.Id == id).ExecuteDeleteAsync(cancellationToken);
            db.Entry(user).State = EntityState.Detached;
            return;
        }
        await ScrubFileNamesAsync(db, user, cancellationToken);
        Tombstone.Scrub(user);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>What is about the person rather than authored by them goes in both cases.</summary>
    private static async Task DeleteAboutAsync(EnclaveDb db, User user, CancellationToken cancellationToken)
    {
        var id = user.Id;
        var email = user.NormalizedEmail;
        await db.ReadMarkers.Where(m => m.UserId == id).ExecuteDeleteAsync(cancellationToken);
        await db.Notifications.Where(n => n.UserId == id || n.ActorId == id).ExecuteDeleteAsync(cancellationToken);
        await db.NotificationSettings.Where(n => n.UserId == id).ExecuteDeleteAsync(cancellationToken);
        await db.LiveEvents.Where(e => e.UserId == id).ExecuteDeleteAsync(cancellationToken);
        await db.PostRecipients.Where(r => r.UserId == id).ExecuteDeleteAsync(cancellationToken);
        await db.SphereProfiles.Where(p => p.UserId == id).ExecuteDeleteAsync(cancellationToken);
        await db.SphereGroupMembers.Where(m => m.UserId == id).ExecuteDeleteAsync(cancellationToken);
        await db.SphereMembers.Where(m => m.UserId == id).ExecuteDeleteAsync(cancellationToken);
        await db.OrganizationMembers.Where(m => m.UserId == id).ExecuteDeleteAsync(cancellationToken);
        await db.Invitations.Where(i => i.InvitedById == id || i.InviteeUserId == id || i.AcceptedById == id ||
            (i.InviteeEmail != null && i.InviteeEmail.ToLower() == email)).ExecuteDeleteAsync(cancellationToken);
        await db.JoinRequests.Where(r => r.UserId == id).ExecuteDeleteAsync(cancellationToken);
        await db.CharterAcceptances.Where(a => a.UserId == id).ExecuteDeleteAsync(cancellationToken);
        await db.FederationRequests.Where(r => r.RequestedById == id).ExecuteDeleteAsync(cancellationToken);
        await db.Sessions.Where(s => s.UserId == id).ExecuteDeleteAsync(cancellationToken);
        await db.AccessTokens.Where(t => t.UserId == id).ExecuteDeleteAsync(cancellationToken);
        await db.PasswordResetTokens.Where(t => t.UserId == id).ExecuteDeleteAsync(cancellationToken);
        // The personal organization holds only the person's own spheres; it goes with them (spheres cascade).
        var personal = user.PersonalOrganizationId;
        await db.Spheres.Where(s => s.OrganizationId == personal).ExecuteDeleteAsync(cancellationToken);
        await db.Organizations.Where(o => o.Id == personal && o.IsPersonal).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Mentions in everyone's posts, comments and edit history become plain "@former-member" text.</summary>
    private static async Task RewriteMentionsAsync(EnclaveDb db, User user, CancellationToken cancellationToken)
    {
        var rewriter = new MentionRewriter(user.Id, user.UserName);
        var needle = rewriter.Needle;
        var link = rewriter.LinkNeedle;
        foreach (var post in await db.Posts.Where(p => p.Body.ToLower().Contains(needle) || p.BodyHtml.Contains(link)).ToListAsync(cancellationToken))
        {
            post.Body = rewriter.Markdown(post.Body);
            post.BodyHtml = rewriter.Html(post.BodyHtml);
        }
        foreach (var comment in await db.Comments.Where(c => c.Body.ToLower().Contains(needle) || c.BodyHtml.Contains(link)).ToListAsync(cancellationToken))
        {
            comment.Body = rewriter.Markdown(comment.Body);
            comment.BodyHtml = rewriter.Html(comment.BodyHtml);
        }
        foreach (var revision in await db.PostRevisions.Where(r => r.Body.ToLower().Contains(needle)).ToListAsync(cancellationToken))
            revision.Body = rewriter.Markdown(revision.Body);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Anonymizing: the files stay with the public posts, but not the names they may carry.</summary>
    private static async Task ScrubFileNamesAsync(EnclaveDb db, User user, CancellationToken cancellationToken)
    {
        // File names often carry their author's name ("report-zebulon.pdf"): such a name becomes neutral.
        var parts = Tombstone.IdentityParts(user);
        var id = user.Id;
        foreach (var file in await db.Attachments.Where(a => a.UploaderId == id).ToListAsync(cancellationToken))
            if (parts.Any(p => file.FileName.Contains(p, StringComparison.OrdinalIgnoreCase)))
                file.FileName = "file" + Path.GetExtension(file.FileName);
    }
}

using Enclave.Server.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Chat;

/// <summary>
/// Closing an account deletes the person's chat messages and files with either choice (a chat is
/// private talk, never published words), their reactions, read markers and blocks both ways.
/// Others' messages stay in their conversations. The export holds the person's messages,
/// reactions, blocks and the conversations they are in.
/// </summary>
public sealed class ChatPersonalData : IPersonalDataEraser, IPersonalDataExporter
{
    public int Order => -10;

    public async Task EraseAsync(PersonalDataErasure erasure, CancellationToken cancellationToken)
    {
        var db = erasure.Db;
        var id = erasure.UserId;
        var messages = db.Set<ChatMessage>().Where(m => m.AuthorId == id);
        var files = db.Set<ChatAttachment>().Where(a => a.UploaderId == id || messages.Any(m => m.Id == a.MessageId));
        erasure.BlobsToDelete.AddRange(await files.Select(a => new ValueTuple<Guid, string>(a.OrganizationId, a.BlobKey)).ToListAsync(cancellationToken));
        await files.ExecuteDeleteAsync(cancellationToken);
        await db.Set<ChatReaction>().Where(r => r.UserId == id || messages.Any(m => m.Id == r.MessageId)).ExecuteDeleteAsync(cancellationToken);
        await messages.ExecuteDeleteAsync(cancellationToken);
        await db.Set<ChatParticipant>().Where(p => p.UserId == id).ExecuteDeleteAsync(cancellationToken);
        await db.Set<ChatBlock>().Where(b => b.BlockerId == id || b.BlockedId == id).ExecuteDeleteAsync(cancellationToken);
        // Their direct conversations keep the other person's words, but no longer name the pair.
        var key = id.ToString("N");
        await db.Set<ChatConversation>().Where(c => c.DirectKey != null && c.DirectKey.Contains(key))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.DirectKey, (string?)null), cancellationToken);
        await db.Set<ChatConversation>().Where(c => c.CreatedById == id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.CreatedById, (Guid?)null), cancellationToken);
    }

    public async Task ExportAsync(PersonalDataExport export, CancellationToken cancellationToken)
    {
        var db = export.Db;
        var id = export.UserId;
        var mine = db.Set<ChatParticipant>().Where(p => p.UserId == id).Select(p => p.ConversationId);
        var conversations = await db.Set<ChatConversation>().AsNoTracking().Where(c => mine.Contains(c.Id))
            .Select(c => new { c.Id, Kind = c.Kind.ToString(), c.SphereId, c.Title, c.CreatedAt }).ToListAsync(cancellationToken);
        var messages = await db.Set<ChatMessage>().AsNoTracking().Where(m => m.AuthorId == id).OrderBy(m => m.Id)
            .Select(m => new { m.Id, m.ConversationId, m.SphereId, m.Body, m.ReplyToId, m.CreatedAt, m.EditedAt, m.DeletedAt }).ToListAsync(cancellationToken);
        var reactions = await db.Set<ChatReaction>().AsNoTracking().Where(r => r.UserId == id)
            .Select(r => new { r.MessageId, Kind = r.Kind.ToString(), r.CreatedAt }).ToListAsync(cancellationToken);
        var files = await db.Set<ChatAttachment>().AsNoTracking().Where(a => a.UploaderId == id)
            .Select(a => new { a.Id, a.ConversationId, a.MessageId, a.FileName, a.ContentType, a.Size, a.CreatedAt }).ToListAsync(cancellationToken);
        var blocks = await db.Set<ChatBlock>().AsNoTracking().Where(b => b.BlockerId == id).Select(b => new { b.BlockedId, b.CreatedAt }).ToListAsync(cancellationToken);
        var markers = await db.Set<ChatParticipant>().AsNoTracking().Where(p => p.UserId == id)
            .Select(p => new { p.ConversationId, p.JoinedAt, p.ReadUpToId }).ToListAsync(cancellationToken);
        await export.Archive.AddJsonAsync("chat/conversations.json", conversations, cancellationToken);
        await export.Archive.AddJsonAsync("chat/messages.json", messages, cancellationToken);
        await export.Archive.AddJsonAsync("chat/reactions.json", reactions, cancellationToken);
        await export.Archive.AddJsonAsync("chat/attachments.json", files, cancellationToken);
        await export.Archive.AddJsonAsync("chat/blocks.json", blocks, cancellationToken);
        await export.Archive.AddJsonAsync("chat/read-markers.json", markers, cancellationToken);
    }
}

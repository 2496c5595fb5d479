using Enclave.Server.Accounts;
using Enclave.Server.Spheres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enclave.Server.Tools.Chat;

public enum ChatKind { Direct, Group, Sphere }

/// <summary>
/// A conversation: two people (direct), a small group, or the channel of one sphere. Direct and
/// group conversations are not sphere content: who reads them is their participant rows. A
/// channel belongs to its sphere and is read through the gate, never through participant rows.
/// </summary>
public sealed class ChatConversation
{
    public Guid Id { get; set; }
    public ChatKind Kind { get; set; }
    /// <summary>The channel's sphere and its organization (the tenant key); null for direct and group conversations.</summary>
    public Guid? OrganizationId { get; set; }
    public Guid? SphereId { get; set; }
    /// <summary>"smallerId:largerId" for a direct conversation, so the database keeps one per pair even under concurrent opens.</summary>
    public string? DirectKey { get; set; }
    public string? Title { get; set; }
    public Guid? CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>The newest message's id (UUIDv7, time-ordered), or the conversation's own id: the key "my conversations" is paged by.</summary>
    public Guid LastMessageId { get; set; }
}

/// <summary>
/// A person in a direct or group conversation, with their read marker. For a sphere channel a row
/// only holds the read marker of someone who opened it; it grants nothing.
/// </summary>
public sealed class ChatParticipant
{
    public Guid ConversationId { get; set; }
    public Guid UserId { get; set; }
    public DateTime JoinedAt { get; set; }
    /// <summary>Read up to this message (inclusive); null when nothing was read yet.</summary>
    public Guid? ReadUpToId { get; set; }
    /// <summary>A chat notification was written since the last read: one per conversation until read.</summary>
    public bool Notified { get; set; }
}

public sealed class ChatMessage
{
    public Guid Id { get; set; }
    public Guid ConversationId { get; set; }
    public Guid? OrganizationId { get; set; }
    public Guid? SphereId { get; set; }
    public Guid AuthorId { get; set; }
    /// <summary>Markdown; emptied when the message is deleted.</summary>
    public string Body { get; set; } = "";
    public Guid? ReplyToId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? EditedAt { get; set; }
    public DateTime? DeletedAt { get; set; }
}

public sealed class ChatReaction
{
    public Guid MessageId { get; set; }
    public Guid UserId { get; set; }
    public Posts.ReactionKind Kind { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A file sent with a message; pending (no message yet) right after upload.</summary>
public sealed class ChatAttachment
{
    public Guid Id { get; set; }
    public Guid ConversationId { get; set; }
    public Guid? MessageId { get; set; }
    /// <summary>Where the bytes are kept in the blob store: the channel's organization, or the uploader's personal organization.</summary>
    public Guid OrganizationId { get; set; }
    public Guid UploaderId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string BlobKey { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>The blocker no longer hears from the blocked person in direct messages and new conversations.</summary>
public sealed class ChatBlock
{
    public Guid BlockerId { get; set; }
    public Guid BlockedId { get; set; }
    public DateTime CreatedAt { get; set; }
}

public sealed class ChatConversationConfiguration : IEntityTypeConfiguration<ChatConversation>
{
    public void Configure(EntityTypeBuilder<ChatConversation> b)
    {
        b.ToTable("chat_conversations");
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.DirectKey).HasMaxLength(80);
        b.Property(x => x.Title).HasMaxLength(ChatRules.MaxTitle);
        b.HasIndex(x => x.DirectKey).IsUnique();
        b.HasIndex(x => x.SphereId).IsUnique();
        b.HasOne<Sphere>().WithMany().HasForeignKey(x => x.SphereId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class ChatParticipantConfiguration : IEntityTypeConfiguration<ChatParticipant>
{
    public void Configure(EntityTypeBuilder<ChatParticipant> b)
    {
        b.ToTable("chat_participants");
        b.HasKey(x => new { x.ConversationId, x.UserId });
        b.HasIndex(x => x.UserId);
        b.HasOne<ChatConversation>().WithMany().HasForeignKey(x => x.ConversationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ChatMessageConfiguration : IEntityTypeConfiguration<ChatMessage>
{
    public void Configure(EntityTypeBuilder<ChatMessage> b)
    {
        b.ToTable("chat_messages");
        b.Property(x => x.Body).HasMaxLength(ChatRules.MaxBody);
        b.HasIndex(x => new { x.ConversationId, x.Id });
        b.HasIndex(x => x.AuthorId);
        b.HasOne<ChatConversation>().WithMany().HasForeignKey(x => x.ConversationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.AuthorId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ChatReactionConfiguration : IEntityTypeConfiguration<ChatReaction>
{
    public void Configure(EntityTypeBuilder<ChatReaction> b)
    {
        b.ToTable("chat_reactions");
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.HasKey(x => new { x.MessageId, x.UserId, x.Kind });
        b.HasIndex(x => x.UserId);
        b.HasOne<ChatMessage>().WithMany().HasForeignKey(x => x.MessageId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ChatAttachmentConfiguration : IEntityTypeConfiguration<ChatAttachment>
{
    public void Configure(EntityTypeBuilder<ChatAttachment> b)
    {
        b.ToTable("chat_attachments");
        b.Property(x => x.FileName).HasMaxLength(255);
        b.Property(x => x.ContentType).HasMaxLength(100);
        b.Property(x => x.BlobKey).HasMaxLength(64);
        b.HasIndex(x => x.MessageId);
        b.HasIndex(x => x.UploaderId);
        b.HasOne<ChatMessage>().WithMany().HasForeignKey(x => x.MessageId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ChatConversation>().WithMany().HasForeignKey(x => x.ConversationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UploaderId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ChatBlockConfiguration : IEntityTypeConfiguration<ChatBlock>
{
    public void Configure(EntityTypeBuilder<ChatBlock> b)
    {
        b.ToTable("chat_blocks");
        b.HasKey(x => new { x.BlockerId, x.BlockedId });
        b.HasIndex(x => x.BlockedId);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.BlockerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.BlockedId).OnDelete(DeleteBehavior.Cascade);
    }
}

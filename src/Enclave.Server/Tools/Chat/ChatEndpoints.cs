using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Chat;

public sealed record ChatUnreadResponse(int Total);

public sealed record ChatReadResponse(Guid? ReadUpToId);

/// <summary>Conversations, sphere channels and their messages (docs/api/chat.md).</summary>
public static class ChatEndpoints
{
    public static RouteGroupBuilder MapChat(this RouteGroupBuilder api)
    {
        var chat = api.MapGroup("/chat").WithTags("Chat");
        chat.MapGet("/conversations", List).WithSummary("My direct and group conversations, most recently active first, with unread counts.");
        chat.MapPost("/conversations", Start).WithSummary("Open a direct conversation (found again if it exists) or a group of up to 20 people who share a sphere with you.");
        chat.MapGet("/conversations/{id:guid}", Get).WithSummary("One conversation (or sphere channel) with its participants' read markers.");
        chat.MapGet("/conversations/{id:guid}/messages", Messages).WithSummary("A conversation's messages, newest first (keyset cursor).");
        chat.MapPost("/conversations/{id:guid}/messages", Send).WithSummary("Send a message (Markdown, optional reply and attachments).");
        chat.MapPost("/conversations/{id:guid}/read", Read).WithSummary("Move my read marker forward, to a message or to the newest.");
        chat.MapPost("/conversations/{id:guid}/typing", Typing).WithSummary("Tell the others I am typing (live only, not stored; at most one signal every 3 seconds).");
        chat.MapGet("/unread", Unread).WithSummary("Unread messages over my direct and group conversations (capped at 100).");
        chat.MapGet("/messages/{id:guid}", GetMessage).WithSummary("One message.");
        chat.MapPatch("/messages/{id:guid}", Edit).WithSummary("Edit my message.");
        chat.MapDelete("/messages/{id:guid}", Delete).WithSummary("Delete my message (a channel's staff may delete any); a placeholder stays.");
        chat.MapPut("/messages/{id:guid}/reactions/{kind}", (Guid id, string kind, Viewer viewer, ChatMessageService messages, ChatViews views, CancellationToken ct) =>
            React(id, kind, true, viewer, messages, views, ct)).WithSummary("Add my reaction (like, love, laugh, wow, sad, thanks).");
        chat.MapDelete("/messages/{id:guid}/reactions/{kind}", (Guid id, string kind, Viewer viewer, ChatMessageService messages, ChatViews views, CancellationToken ct) =>
            React(id, kind, false, viewer, messages, views, ct)).WithSummary("Remove my reaction.");
        chat.MapGet("/blocks", Blocks).WithSummary("People I blocked.");
        chat.MapPut("/blocks/{userId:guid}", Block).WithSummary("Block a person: no new conversation and no direct message between us.");
        chat.MapDelete("/blocks/{userId:guid}", Unblock).WithSummary("Unblock a person.");
        api.MapGet("/spheres/{id:guid}/chat", Channel).WithTags("Chat").WithSummary("The sphere's chat channel, for the sphere's members past the charters.");
        api.MapGet("/spheres/{id:guid}/chat/messages", ChannelMessages).WithTags("Chat").WithSummary("The sphere channel's messages, newest first.");
        api.MapPost("/spheres/{id:guid}/chat/messages", ChannelSend).WithTags("Chat").WithSummary("Send a message in the sphere's channel.");
        chat.MapChatAttachments();
        return chat;
    }

    internal static async Task<Ok<Page<ChatConversationResponse>>> List(string? cursor, int? limit, Viewer viewer, EnclaveDb db, ChatViews views, CancellationToken cancellationToken)
    {
        var me = viewer.Id;
        var mine = db.Set<ChatParticipant>().Where(p => p.UserId == me).Select(p => p.ConversationId);
        var page = await db.Set<ChatConversation>().AsNoTracking().Where(c => c.Kind != ChatKind.Sphere && mine.Contains(c.Id))
            .ToPageAsync(c => c.LastMessageId, cursor, limit, c => c, cancellationToken, descending: true);
        return TypedResults.Ok(new Page<ChatConversationResponse>(await views.ConversationsAsync(me, page.Items, cancellationToken), page.NextCursor));
    }

    internal static async Task<Results<Created<ChatConversationResponse>, Ok<ChatConversationResponse>>> Start(StartConversationRequest request, Viewer viewer,
        ChatService chat, ChatViews views, CancellationToken cancellationToken)
    {
        var (conversation, created) = await chat.StartAsync(viewer, request, cancellationToken);
        var view = (await views.ConversationsAsync(viewer.Id, [conversation], cancellationToken))[0];
        return created ? TypedResults.Created($"/api/v1/chat/conversations/{conversation.Id}", view) : TypedResults.Ok(view);
    }

    internal static async Task<Ok<ChatConversationResponse>> Get(Guid id, Viewer viewer, ChatAccess access, ChatViews views, CancellationToken cancellationToken)
    {
        var context = await access.OpenAsync(viewer, id, cancellationToken);
        return TypedResults.Ok(await ViewAsync(context, viewer, access, views, cancellationToken));
    }

    internal static async Task<ChatConversationResponse> ViewAsync(ChatContext context, Viewer viewer, ChatAccess access, ChatViews views, CancellationToken cancellationToken) =>
        (await views.ConversationsAsync(viewer.Id, [context.Conversation], cancellationToken))[0] with
        {
            CannotSend = await access.CannotSendAsync(viewer, context, cancellationToken),
        };

    internal static async Task<Ok<Page<ChatMessageResponse>>> Messages(Guid id, string? cursor, int? limit, Viewer viewer, ChatAccess access, ChatViews views, CancellationToken cancellationToken)
    {
        var context = await access.OpenAsync(viewer, id, cancellationToken);
        return TypedResults.Ok(await views.MessagesAsync(viewer.Id, context.Conversation.Id, cursor, limit, cancellationToken));
    }

    internal static async Task<Created<ChatMessageResponse>> Send(Guid id, SendMessageRequest request, Viewer viewer, ChatAccess access, ChatService chat, ChatViews views, CancellationToken cancellationToken)
    {
        var context = await access.OpenAsync(viewer, id, cancellationToken);
        var message = await chat.SendAsync(viewer, context, request, cancellationToken);
        return TypedResults.Created($"/api/v1/chat/messages/{message.Id}", await views.MessageAsync(viewer.Id, message, cancellationToken));
    }

    internal static async Task<Ok<ChatReadResponse>> Read(Guid id, MarkReadRequest? request, Viewer viewer, ChatAccess access, ChatMessageService messages, CancellationToken cancellationToken)
    {
        var context = await access.OpenAsync(viewer, id, cancellationToken);
        return TypedResults.Ok(new ChatReadResponse(await messages.MarkReadAsync(viewer, context, request ?? new MarkReadRequest(null), cancellationToken)));
    }

    internal static async Task<NoContent> Typing(Guid id, Viewer viewer, ChatAccess access, ChatMessageService messages, CancellationToken cancellationToken)
    {
        var context = await access.OpenAsync(viewer, id, cancellationToken);
        await messages.TypingAsync(viewer, context, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<ChatUnreadResponse>> Unread(Viewer viewer, EnclaveDb db, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ChatUnreadResponse(await UnreadTotalAsync(db, viewer.Id, cancellationToken)));

    internal static Task<int> UnreadTotalAsync(EnclaveDb db, Guid me, CancellationToken cancellationToken) =>
        db.Set<ChatMessage>().Where(m => m.AuthorId != me && m.DeletedAt == null && m.SphereId == null &&
                db.Set<ChatParticipant>().Any(p => p.UserId == me && p.ConversationId == m.ConversationId &&
                    (p.ReadUpToId == null || m.Id.CompareTo(p.ReadUpToId.Value) > 0)))
            .OrderBy(m => m.Id).Take(100).CountAsync(cancellationToken);

    internal static async Task<Ok<ChatMessageResponse>> GetMessage(Guid id, Viewer viewer, ChatAccess access, ChatViews views, CancellationToken cancellationToken)
    {
        var (_, message) = await access.MessageAsync(viewer, id, cancellationToken);
        return TypedResults.Ok(await views.MessageAsync(viewer.Id, message, cancellationToken));
    }

    internal static async Task<Ok<ChatMessageResponse>> Edit(Guid id, EditMessageRequest request, Viewer viewer, ChatMessageService messages, ChatViews views, CancellationToken cancellationToken) =>
        TypedResults.Ok(await views.MessageAsync(viewer.Id, await messages.EditAsync(viewer, id, request, cancellationToken), cancellationToken));

    internal static async Task<Ok<ChatMessageResponse>> Delete(Guid id, Viewer viewer, ChatMessageService messages, ChatViews views, CancellationToken cancellationToken) =>
        TypedResults.Ok(await views.MessageAsync(viewer.Id, await messages.DeleteAsync(viewer, id, cancellationToken), cancellationToken));

    internal static async Task<Ok<ChatMessageResponse>> React(Guid id, string kind, bool add, Viewer viewer, ChatMessageService messages, ChatViews views, CancellationToken cancellationToken) =>
        TypedResults.Ok(await views.MessageAsync(viewer.Id, await messages.ReactAsync(viewer, id, kind, add, cancellationToken), cancellationToken));

    internal static async Task<Ok<IReadOnlyList<ChatBlockResponse>>> Blocks(Viewer viewer, ChatBlocks blocks, CancellationToken cancellationToken) =>
        TypedResults.Ok(await blocks.ListAsync(viewer, cancellationToken));

    internal static async Task<NoContent> Block(Guid userId, Viewer viewer, ChatBlocks blocks, CancellationToken cancellationToken)
    {
        await blocks.BlockAsync(viewer, userId, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<NoContent> Unblock(Guid userId, Viewer viewer, ChatBlocks blocks, CancellationToken cancellationToken)
    {
        await blocks.UnblockAsync(viewer, userId, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<ChatConversationResponse>> Channel(Guid id, Viewer viewer, ChatAccess access, ChatViews views, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ViewAsync(await access.ChannelAsync(viewer, id, cancellationToken), viewer, access, views, cancellationToken));

    internal static async Task<Ok<Page<ChatMessageResponse>>> ChannelMessages(Guid id, string? cursor, int? limit, Viewer viewer, ChatAccess access, ChatViews views, CancellationToken cancellationToken)
    {
        var context = await access.ChannelAsync(viewer, id, cancellationToken);
        return TypedResults.Ok(await views.MessagesAsync(viewer.Id, context.Conversation.Id, cursor, limit, cancellationToken));
    }

    internal static async Task<Created<ChatMessageResponse>> ChannelSend(Guid id, SendMessageRequest request, Viewer viewer, ChatAccess access, ChatService chat, ChatViews views, CancellationToken cancellationToken)
    {
        var context = await access.ChannelAsync(viewer, id, cancellationToken);
        var message = await chat.SendAsync(viewer, context, request, cancellationToken);
        return TypedResults.Created($"/api/v1/chat/messages/{message.Id}", await views.MessageAsync(viewer.Id, message, cancellationToken));
    }
}

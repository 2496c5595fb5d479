using Enclave.Server.Access;
using Enclave.Server.Accounts;
using Enclave.Server.Data;
using Enclave.Server.Posts.Attachments;
using Enclave.Server.Ui;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Chat.Pages;

/// <summary>
/// The chat pages' form actions and fragments. Each calls the same services as the API (same
/// access rules); a refused action comes back to the page with its reason as a flash message.
/// </summary>
public static class ChatActions
{
    public static void MapChatActions(this RouteGroupBuilder ui)
    {
        ui.MapGet("/fragments/chat/messages/{id:guid}", Fragment);
        ui.MapGet("/fragments/chat/conversations", ListFragment);
        ui.MapPost("/chat/conversations", Start);
        ui.MapPost("/chat/conversations/{id:guid}/messages", Send).WithMetadata(new RequestSizeLimit(25L * 1024 * 1024 + AttachmentUpload.MultipartOverhead));
        ui.MapPost("/chat/conversations/{id:guid}/read", async (Guid id, Viewer viewer, ChatAccess access, ChatMessageService messages, HttpContext http, CancellationToken ct) =>
        {
            await messages.MarkReadAsync(viewer, await access.OpenAsync(viewer, id, ct), new MarkReadRequest(null), ct);
            return UiActions.Back(http, $"/chat/{id}");
        });
        ui.MapPost("/chat/conversations/{id:guid}/typing", async (Guid id, Viewer viewer, ChatAccess access, ChatMessageService messages, CancellationToken ct) =>
        {
            await messages.TypingAsync(viewer, await access.OpenAsync(viewer, id, ct), ct);
            return TypedResults.NoContent();
        });
        ui.MapPost("/chat/messages/{id:guid}/edit", async (Guid id, [FromForm] string? body, [FromForm] string? returnUrl, Viewer viewer, ChatMessageService messages, HttpContext http, CancellationToken ct) =>
        {
            await messages.EditAsync(viewer, id, new EditMessageRequest(body), ct);
            return UiActions.Back(http, Anchor(returnUrl, id));
        });
        ui.MapPost("/chat/messages/{id:guid}/delete", async (Guid id, [FromForm] string? returnUrl, Viewer viewer, ChatMessageService messages, ChatViews views, HttpContext http, CancellationToken ct) =>
        {
            var message = await messages.DeleteAsync(viewer, id, ct);
            return await AfterAsync(message, returnUrl, viewer, views, http, ct);
        });
        ui.MapPost("/chat/messages/{id:guid}/react", React);
        ui.MapPost("/chat/blocks/{userId:guid}", async (Guid userId, [FromForm] string? returnUrl, Viewer viewer, ChatBlocks blocks, HttpContext http, CancellationToken ct) =>
        {
            await blocks.BlockAsync(viewer, userId, ct);
            return UiActions.Back(http, returnUrl ?? "/chat");
        });
        ui.MapPost("/chat/blocks/{userId:guid}/remove", async (Guid userId, [FromForm] string? returnUrl, Viewer viewer, ChatBlocks blocks, HttpContext http, CancellationToken ct) =>
        {
            await blocks.UnblockAsync(viewer, userId, ct);
            return UiActions.Back(http, returnUrl ?? "/chat");
        });
    }

    private static string Anchor(string? returnUrl, Guid messageId) => $"{UiActions.LocalUrl(returnUrl).Split('?', '#')[0]}#chat-msg-{messageId}";

    /// <summary>One message as HTML, through the same access check as the API (404 otherwise): for live updates.</summary>
    internal static async Task<IResult> Fragment(Guid id, string? returnUrl, Viewer viewer, ChatAccess access, ChatViews views, CancellationToken cancellationToken)
    {
        var (context, message) = await access.MessageAsync(viewer, id, cancellationToken);
        var canSend = await access.CannotSendAsync(viewer, context, cancellationToken) is null;
        return Item(await views.MessageAsync(viewer.Id, message, cancellationToken), viewer, context, canSend, returnUrl);
    }

    private static RazorComponentResult<ChatMessageItem> Item(ChatMessageResponse message, Viewer viewer, ChatContext context, bool canSend, string? returnUrl) =>
        new(new
        {
            Message = message, MeId = viewer.Id, CanSend = canSend, CanModerate = context.Channel is { ActsAsStaff: true },
            ReturnUrl = UiActions.LocalUrl(returnUrl ?? (context.IsChannel ? $"/s/{context.Conversation.SphereId}/chat" : $"/chat/{context.Conversation.Id}")),
        });

    internal static async Task<IResult> ListFragment(Viewer viewer, EnclaveDb db, ChatViews views, CancellationToken cancellationToken)
    {
        var page = (await ChatEndpoints.List(null, 30, viewer, db, views, cancellationToken)).Value!;
        return new RazorComponentResult<ChatConversationList>(new { Conversations = page.Items });
    }

    private static async Task<IResult> AfterAsync(ChatMessage message, string? returnUrl, Viewer viewer, ChatViews views, HttpContext http, CancellationToken cancellationToken)
    {
        if (!UiActions.IsEnhanced(http)) return UiActions.Back(http, Anchor(returnUrl, message.Id));
        var access = http.RequestServices.GetRequiredService<ChatAccess>();
        var context = await access.OpenAsync(viewer, message.ConversationId, cancellationToken);
        var canSend = await access.CannotSendAsync(viewer, context, cancellationToken) is null;
        return Item(await views.MessageAsync(viewer.Id, message, cancellationToken), viewer, context, canSend, returnUrl);
    }

    /// <summary>People named by user name; anyone unknown answers like an unseen profile.</summary>
    private static async Task<IResult> Start([FromForm] string? userNames, [FromForm] string? title, Viewer viewer, EnclaveDb db, ChatService chat, HttpContext http, CancellationToken cancellationToken)
    {
        var names = (userNames ?? "").Split([' ', ',', ';', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => AccountRules.Normalize(n.TrimStart('@'))).Distinct().Take(ChatRules.MaxGroup + 1).ToList();
        if (names.Count == 0) Validation.Field("userNames", "must name at least one person.");
        var ids = await db.Users.AsNoTracking().Where(u => names.Contains(u.NormalizedUserName) && u.ClosedAt == null).Select(u => u.Id).ToListAsync(cancellationToken);
        if (ids.Count != names.Count) throw ProblemException.NotFound("person");
        var (conversation, _) = await chat.StartAsync(viewer, new StartConversationRequest(ids, title), cancellationToken);
        return new SeeOther($"/chat/{conversation.Id}");
    }

    private static async Task<IResult> Send(Guid id, [FromForm] string? body, [FromForm] Guid? replyToId, [FromForm] string? returnUrl, IFormFile? file,
        Viewer viewer, ChatAccess access, ChatService chat, ChatUpload uploads, ChatViews views, HttpContext http, CancellationToken cancellationToken)
    {
        var context = await access.OpenAsync(viewer, id, cancellationToken);
        List<Guid> attachments = [];
        if (file is { Length: > 0 })
        {
            await access.RequireCanSendAsync(viewer, context, cancellationToken);
            await using var stream = file.OpenReadStream();
            attachments.Add((await uploads.StoreAsync(context, viewer.Id, stream, file.FileName, cancellationToken)).Id);
        }
        var message = await chat.SendAsync(viewer, context, new SendMessageRequest(body, replyToId, attachments), cancellationToken);
        // Sent by the page's script: the new message comes back as HTML, so it shows even before its live event.
        if (UiActions.IsEnhanced(http)) return Item(await views.MessageAsync(viewer.Id, message, cancellationToken), viewer, context, true, returnUrl);
        return UiActions.Back(http, Anchor(returnUrl, message.Id));
    }

    /// <summary>A reaction button toggles: the first click adds it, the next removes it.</summary>
    private static async Task<IResult> React(Guid id, [FromForm] string? kind, [FromForm] string? returnUrl, Viewer viewer, ChatAccess access, ChatMessageService messages,
        ChatViews views, HttpContext http, CancellationToken cancellationToken)
    {
        var reaction = ChatMessageService.ParseKind(kind ?? "");
        var (_, current) = await access.MessageAsync(viewer, id, cancellationToken);
        var view = await views.MessageAsync(viewer.Id, current, cancellationToken);
        var mine = view.Reactions.Any(r => r.Kind == reaction && r.Mine);
        var message = await messages.ReactAsync(viewer, id, kind ?? "", !mine, cancellationToken);
        return await AfterAsync(message, returnUrl, viewer, views, http, cancellationToken);
    }
}

using Enclave.Server.Access;
using Enclave.Server.Web;

namespace Enclave.Server.Tools.Chat.Pages;

/// <summary>What a conversation page shows, loaded through the API's own code (same access rules).</summary>
public sealed record ChatThreadData(ChatConversationResponse Conversation, Page<ChatMessageResponse> Messages, ChatMessageResponse? ReplyTo);

public static class ChatPages
{
    /// <summary>
    /// The newest messages (or older ones from the cursor), the message being answered, and the
    /// reader's marker moved to the newest: opening a conversation is reading it.
    /// </summary>
    public static async Task<ChatThreadData> LoadAsync(Viewer viewer, ChatContext context, string? cursor, Guid? replyTo, ChatAccess access,
        ChatViews views, ChatMessageService messages, CancellationToken cancellationToken)
    {
        Page<ChatMessageResponse> page;
        try
        {
            page = await views.MessagesAsync(viewer.Id, context.Conversation.Id, cursor, 50, cancellationToken);
        }
        catch (ProblemException problem) when (problem.Status == 400)
        {
            page = await views.MessagesAsync(viewer.Id, context.Conversation.Id, null, 50, cancellationToken); // a stale cursor: start again
        }
        if (cursor is null) await messages.MarkReadAsync(viewer, context, new MarkReadRequest(null), cancellationToken);
        ChatMessageResponse? reply = null;
        if (replyTo is { } r)
        {
            try
            {
                var (replyContext, message) = await access.MessageAsync(viewer, r, cancellationToken);
                if (replyContext.Conversation.Id == context.Conversation.Id) reply = await views.MessageAsync(viewer.Id, message, cancellationToken);
            }
            catch (ProblemException problem) when (problem.Status == 404)
            {
                // Answering a message that is gone (or elsewhere): simply no reply.
            }
        }
        var view = await ChatEndpoints.ViewAsync(context, viewer, access, views, cancellationToken);
        return new ChatThreadData(view, page, reply);
    }
}

namespace Enclave.Server.Tools.Chat;

/// <summary>The limits of the chat, in one place (documented in docs/tools/chat.md).</summary>
public static class ChatRules
{
    public const int MaxBody = 4000;
    public const int MaxTitle = 100;
    /// <summary>A group holds at most this many people, its creator included.</summary>
    public const int MaxGroup = 20;
    public const int MaxAttachments = 5;
    /// <summary>One typing signal per person and conversation in this window is published; the rest are dropped.</summary>
    public static readonly TimeSpan TypingInterval = TimeSpan.FromSeconds(3);
    public const string Noun = "conversation";
}

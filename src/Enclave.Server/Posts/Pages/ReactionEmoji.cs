namespace Enclave.Server.Posts.Pages;

public static class ReactionEmoji
{
    public static string For(ReactionKind kind) => kind switch
    {
        ReactionKind.Like => "👍",
        ReactionKind.Love => "❤️",
        ReactionKind.Laugh => "😄",
        ReactionKind.Wow => "😮",
        ReactionKind.Sad => "😢",
        ReactionKind.Thanks => "🙏",
        _ => "•",
    };

    /// <summary>The English name, a key of Posts/Pages/Text.</summary>
    public static string Name(ReactionKind kind) => kind switch
    {
        ReactionKind.Like => "Like",
        ReactionKind.Love => "Love",
        ReactionKind.Laugh => "Laugh",
        ReactionKind.Wow => "Wow",
        ReactionKind.Sad => "Sad",
        _ => "Thanks",
    };

    public static string StyleName(PostStyle style) => style switch
    {
        PostStyle.Question => "Question",
        PostStyle.Problem => "Problem",
        PostStyle.Important => "Important",
        PostStyle.Idea => "Idea",
        _ => "Information",
    };
}

namespace Enclave.Server.Posts;

public static class PostRules
{
    public const int MaxBodyLength = 20_000;
    public const int MaxRecipients = 200;
}

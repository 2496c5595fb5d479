namespace Enclave.Server.Tools.Chat;

public static class ChatServiceCollectionExtensions
{
    public static IServiceCollection AddChat(this IServiceCollection services)
    {
        services.AddScoped<ChatAccess>();
        services.AddScoped<ChatService>();
        services.AddScoped<ChatMessageService>();
        services.AddScoped<ChatViews>();
        services.AddScoped<ChatLive>();
        services.AddScoped<ChatBlocks>();
        services.AddScoped<ChatUpload>();
        services.AddSingleton<ChatTypingThrottle>();
        services.AddToolNotices<ChatNotices>();
        Privacy.PersonalDataServiceCollectionExtensions.AddPersonalData<ChatPersonalData>(services);
        return services;
    }
}

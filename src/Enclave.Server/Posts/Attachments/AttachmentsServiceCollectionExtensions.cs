namespace Enclave.Server.Posts.Attachments;

public static class AttachmentsServiceCollectionExtensions
{
    public static IServiceCollection AddAttachments(this IServiceCollection services)
    {
        services.AddOptions<AttachmentOptions>().BindConfiguration("Attachments")
            .Validate(o => o.MaxBytes > 0, "Attachments:MaxBytes must be positive.");
        services.AddScoped<AttachmentUpload>();
        services.AddScoped<PostAttachments>();
        services.AddScoped<AttachmentPurge>();
        services.AddHostedService<AttachmentPurgeWorker>();
        return services;
    }
}

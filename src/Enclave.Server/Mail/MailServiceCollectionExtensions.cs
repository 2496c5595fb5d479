namespace Enclave.Server.Mail;

public static class MailServiceCollectionExtensions
{
    public static IServiceCollection AddMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MailOptions>()
            .Bind(configuration.GetSection("Mail"))
            .Validate(o => MailOptions.IsValidFrom(o.From), "Mail:From must be an email address, optionally with a display name: \"Enclave <no-reply@example.org>\".")
            .Validate(o => !string.IsNullOrWhiteSpace(o.OutboxPath), "Mail:OutboxPath must name a folder.")
            .ValidateOnStart();
        // SMTP (a later issue) will be chosen here by configuration; the outbox stays the default.
        services.AddSingleton<IMailSender, OutboxMailSender>();
        return services;
    }
}

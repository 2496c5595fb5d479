namespace Enclave.Server.Mail;

public static class MailServiceCollectionExtensions
{
    public static IServiceCollection AddMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MailOptions>()
            .Bind(configuration.GetSection("Mail"))
            .Validate(o => MailOptions.IsValidFrom(o.From), "Mail:From must be an email address, optionally with a display name: \"Enclave <no-reply@example.org>\".")
            .Validate(o => !string.IsNullOrWhiteSpace(o.OutboxPath), "Mail:OutboxPath must name a folder.")
            .Validate(o => o.DispatchInterval >= TimeSpan.FromSeconds(1), "Mail:DispatchInterval must be at least one second (e.g. 00:00:15).")
            .ValidateOnStart();
        services.AddOptions<SmtpOptions>()
            .Bind(configuration.GetSection("Mail:Smtp"))
            .Validate(o => o.Port is > 0 and < 65536, "Mail:Smtp:Port must be a TCP port (1-65535).")
            .ValidateOnStart();
        // The operator's SMTP server when Mail:Smtp:Host is set; otherwise the outbox folder (development).
        if (string.IsNullOrWhiteSpace(configuration["Mail:Smtp:Host"])) services.AddSingleton<IMailSender, OutboxMailSender>();
        else services.AddSingleton<IMailSender, SmtpMailSender>();
        return services;
    }
}

using Enclave.Server.Notifications.Delivery;
using Enclave.Server.Privacy;

namespace Enclave.Server.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    public static IServiceCollection AddNotifications(this IServiceCollection services) => services
        .AddScoped<Notifier>()
        .AddScoped<Preferences>()
        .AddScoped<MailContent>()
        .AddScoped<EmailDispatcher>()
        .AddSingleton<MailLinks>()
        .AddHostedService<EmailDispatcherWorker>()
        .AddPersonalData<DeliveryPersonalData>();
}

using Enclave.Server.Privacy;

namespace Enclave.Server.Tools.Tasks;

/// <summary>The task kanban (docs/tools/tasks.md): boards, columns, cards, my tasks, due-soon reminders.</summary>
public static class TasksServiceCollectionExtensions
{
    public static IServiceCollection AddTasks(this IServiceCollection services)
    {
        services.AddScoped<TaskEvents>();
        services.AddScoped<DueReminders>();
        services.AddHostedService<DueRemindersWorker>();
        services.AddPostTool<TaskPostTool>();
        services.AddToolNotices<TaskNotices>();
        services.AddPersonalData<TaskPersonalData>();
        return services;
    }

    public static RouteGroupBuilder MapTasks(this RouteGroupBuilder api)
    {
        api.MapBoards();
        api.MapCards();
        api.MapCardDetails();
        return api;
    }
}

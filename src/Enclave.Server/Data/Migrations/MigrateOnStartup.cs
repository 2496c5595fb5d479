namespace Enclave.Server.Data.Migrations;

/// <summary>Brings the schema up to date before the server accepts requests.</summary>
public sealed class MigrateOnStartup(MigrationRunner runner, DatabaseOptions options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.MigrateOnStartup) await runner.MigrateAsync(cancellationToken: cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

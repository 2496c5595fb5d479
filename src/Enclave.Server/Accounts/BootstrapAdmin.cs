using Enclave.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Accounts;

/// <summary>Options of the <c>Bootstrap:Admin</c> section: creates the first platform administrator at start-up, once.</summary>
public sealed class BootstrapAdminOptions
{
    public string? UserName { get; set; }
    public string? Email { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Password { get; set; }
}

/// <summary>
/// Creates the first administrator from configuration (environment variables in practice) when
/// no account has that user name yet. There is never a built-in password.
/// </summary>
public sealed class BootstrapAdmin(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<BootstrapAdmin> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = configuration.GetSection("Bootstrap:Admin").Get<BootstrapAdminOptions>();
        if (options?.UserName is null) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EnclaveDb>();
        var normalized = AccountRules.Normalize(options.UserName);
        if (await db.Users.AnyAsync(u => u.NormalizedUserName == normalized, cancellationToken)) return;
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        try
        {
            await accounts.CreateAsync(new SignupRequest(options.UserName, options.FirstName ?? "Platform", options.LastName ?? "Administrator",
            options.Email, options.Password, "en"), platformAdmin: true, cancellationToken);
        }
        catch (Web.ProblemException problem)
        {
            foreach (var (field, messages) in problem.Errors ?? new Dictionary<string, string[]>())
                logger.LogCritical("Bootstrap:Admin: {Field} {Messages}", field, string.Join(" ", messages));
            throw new InvalidOperationException($"Bootstrap:Admin could not create the administrator: {problem.Title} (see the log for each field).", problem);
        }
        logger.LogInformation("Created platform administrator {UserName} from configuration", options.UserName);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

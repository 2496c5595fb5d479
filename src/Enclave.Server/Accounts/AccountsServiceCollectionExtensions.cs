using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Enclave.Server.Accounts;

public static class AccountsServiceCollectionExtensions
{
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<LockoutOptions>(configuration.GetSection("Accounts:Lockout"));
        services.AddOptions<AccountOptions>()
            .Bind(configuration.GetSection("Accounts"))
            .Validate(o => o.PasswordResetLifetime > TimeSpan.Zero, "Accounts:PasswordResetLifetime must be a positive duration, e.g. 01:00:00.")
            .ValidateOnStart();
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddScoped<AccountService>();
        services.AddScoped<LoginService>();
        services.AddScoped<PasswordResetService>();
        // Bounded: at most this many unknown logins are tracked for the lockout at once.
        services.AddMemoryCache(o => o.SizeLimit = 100_000);
        services.AddScoped<Sessions>();
        services.AddAuthentication(SessionAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, SessionAuthentication>(SessionAuthentication.SchemeName, null);
        services.AddAuthorization();
        services.AddHostedService<BootstrapAdmin>();
        return services;
    }

    public static RouteGroupBuilder MapAccounts(this RouteGroupBuilder api)
    {
        api.MapAuth();
        api.MapPasswordReset();
        api.MapMe();
        api.MapSessionRevocation();
        api.MapTokens();
        api.MapUsers();
        return api;
    }
}

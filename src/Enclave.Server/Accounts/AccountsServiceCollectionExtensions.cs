using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Enclave.Server.Accounts;

public static class AccountsServiceCollectionExtensions
{
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<LockoutOptions>(configuration.GetSection("Accounts:Lockout"));
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddScoped<AccountService>();
        services.AddScoped<LoginService>();
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
        api.MapMe();
        api.MapTokens();
        api.MapUsers();
        return api;
    }
}

using Enclave.Server.Data;

namespace Enclave.Server.Search;

public static class SearchServiceCollectionExtensions
{
    /// <summary>Search, on the configured engine's own full-text index.</summary>
    public static IServiceCollection AddSearch(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ISearchIndex>(sp => sp.GetRequiredService<DatabaseOptions>().Provider == DatabaseProvider.Postgres
            ? new PostgresSearchIndex() : new SqliteSearchIndex());
        services.AddOptions<SearchOptions>().Bind(configuration.GetSection("Search"))
            .Validate(o => o.NewestRead > 0 && o.ContinuedRead > 0 && o.SphereBranches >= 0 && o.RareMatches >= 0 && o.SphereDocuments >= 0 && o.BoundariesFor >= TimeSpan.Zero,
                "Search:NewestRead and ContinuedRead must be positive; SphereBranches, RareMatches, SphereDocuments and BoundariesFor not negative.")
            .ValidateOnStart();
        services.AddScoped<SearchService>();
        services.AddScoped<NewestContent>();
        services.AddSingleton<SearchBoundaries>();
        services.AddScoped<SearchResults>();
        return services;
    }
}

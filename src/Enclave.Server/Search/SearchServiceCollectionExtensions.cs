using Enclave.Server.Data;

namespace Enclave.Server.Search;

public static class SearchServiceCollectionExtensions
{
    /// <summary>Search, on the configured engine's own full-text index.</summary>
    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.AddSingleton<ISearchIndex>(sp => sp.GetRequiredService<DatabaseOptions>().Provider == DatabaseProvider.Postgres
            ? new PostgresSearchIndex() : new SqliteSearchIndex());
        services.AddScoped<SearchService>();
        services.AddScoped<SearchResults>();
        return services;
    }
}

using Enclave.Server.Federations;
using Enclave.Server.Memberships;

namespace Enclave.Server.Organizations;

public static class OrganizationsServiceCollectionExtensions
{
    /// <summary>Organizations, their federations, and the membership flows (invitations, join requests, charters).</summary>
    public static IServiceCollection AddOrganizations(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<InvitationOptions>(configuration.GetSection("Invitations"));
        services.AddScoped<MembershipService>();
        services.AddScoped<InvitationService>();
        services.AddScoped<FederationService>();
        return services;
    }

    public static RouteGroupBuilder MapOrganizationFeatures(this RouteGroupBuilder api)
    {
        api.MapOrganizations();
        api.MapOrganizationMembers();
        api.MapFederations();
        api.MapInvitations();
        api.MapJoinRequests();
        api.MapCharters();
        api.MapSecurityPolicy();
        return api;
    }
}

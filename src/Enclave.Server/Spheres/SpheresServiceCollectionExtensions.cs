namespace Enclave.Server.Spheres;

public static class SpheresServiceCollectionExtensions
{
    public static RouteGroupBuilder MapSphereFeatures(this RouteGroupBuilder api)
    {
        api.MapSpheres();
        api.MapSphereMembers();
        api.MapSphereGroups();
        api.MapSphereProfiles();
        return api;
    }
}

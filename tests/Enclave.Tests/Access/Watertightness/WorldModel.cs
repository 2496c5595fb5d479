using Enclave.Server.Memberships;
using Enclave.Server.Organizations;
using Enclave.Server.Spheres;

namespace Enclave.Tests.Access.Watertightness;

public sealed record ModelUser(Guid Id, string UserName, string Email, Guid PersonalOrganizationId, bool IsPlatformAdmin, string Secret, bool Verified = false);

public sealed record ModelOrganization(Guid Id, string Name, bool IsPersonal, Guid? ParentId, Guid RootId, bool HiddenInTree,
    bool ExternalPortal, string? Charter, int CharterVersion, Guid? OwnerId);

public sealed record ModelSphere(Guid Id, Guid OrganizationId, string Name, SphereType Type, bool ListedInPortal, bool MembersCanInvite,
    string? Charter, int CharterVersion, Guid CreatedById, bool VerifiedOnly = false);

public sealed record ModelInvitation(Guid Id, Guid OrganizationId, Guid? SphereId, Guid InvitedById, Guid? InviteeUserId, string? InviteeEmail,
    string Role, InvitationStatus Status, DateTime ExpiresAt);

public sealed record ModelJoinRequest(Guid Id, Guid OrganizationId, Guid? SphereId, Guid UserId, JoinRequestStatus Status);

public sealed record ModelGroup(Guid Id, Guid SphereId, Guid OrganizationId, string Handle, IReadOnlyList<Guid> MemberIds);

/// <summary>A charter acceptance: <see cref="SphereId"/> null for the organization's charter.</summary>
public sealed record ModelAcceptance(Guid UserId, Guid OrganizationId, Guid? SphereId, int Version);

/// <summary>
/// The in-memory truth of a generated world: exactly the rows seeded into the database, indexed
/// for the oracle. Nothing here knows the server's access rules.
/// </summary>
public sealed class WorldModel(int seed, DateTime now)
{
    public int Seed { get; } = seed;
    public DateTime Now { get; } = now;
    public List<ModelUser> Users { get; } = [];
    public List<ModelOrganization> Organizations { get; } = [];
    public List<ModelSphere> Spheres { get; } = [];
    public Dictionary<(Guid Organization, Guid User), OrganizationRole> OrganizationRoles { get; } = [];
    public Dictionary<(Guid Sphere, Guid User), SphereRole> SphereRows { get; } = [];
    public HashSet<ModelAcceptance> Acceptances { get; } = [];
    public List<ModelInvitation> Invitations { get; } = [];
    public List<ModelJoinRequest> JoinRequests { get; } = [];
    public List<ModelGroup> Groups { get; } = [];
    /// <summary>Sphere rows left behind for people outside the organization (defence-in-depth cases).</summary>
    public HashSet<(Guid Sphere, Guid User)> GhostRows { get; } = [];
    /// <summary>Posts, comments, reactions, read markers and notifications (see <see cref="WorldGeneratorPosts"/>).</summary>
    public ConversationModel Conversations { get; } = new();

    private Dictionary<Guid, ModelUser>? _users;
    private Dictionary<Guid, ModelOrganization>? _organizations;
    private Dictionary<Guid, ModelSphere>? _spheres;

    public ModelUser User(Guid id) => (_users ??= Users.ToDictionary(u => u.Id))[id];
    public ModelOrganization Organization(Guid id) => (_organizations ??= Organizations.ToDictionary(o => o.Id))[id];
    public ModelSphere Sphere(Guid id) => (_spheres ??= Spheres.ToDictionary(s => s.Id))[id];

    public OrganizationRole? OrganizationRoleOf(Guid? userId, Guid organizationId) =>
        userId is { } u && OrganizationRoles.TryGetValue((organizationId, u), out var role) ? role : null;

    public bool Verified(Guid? userId) => userId is { } u && User(u).Verified;

    public SphereRole? SphereRowOf(Guid? userId, Guid sphereId) =>
        userId is { } u && SphereRows.TryGetValue((sphereId, u), out var role) ? role : null;

    public bool Accepted(Guid userId, Guid organizationId, Guid? sphereId, int version) =>
        Acceptances.Contains(new ModelAcceptance(userId, organizationId, sphereId, version));

    public IEnumerable<ModelOrganization> RealOrganizations => Organizations.Where(o => !o.IsPersonal);

    public IEnumerable<ModelOrganization> Ancestors(ModelOrganization organization)
    {
        for (var p = organization.ParentId; p is { } id; p = Organization(id).ParentId) yield return Organization(id);
    }

    public string Describe(Guid? userId) => userId is { } id ? $"{User(id).UserName} ({id})" : "anonymous";
}

public static class WorldModelNames
{
    /// <summary>A readable name for any id of the world (person, organization, sphere, group, invitation, join request, post, comment, notification).</summary>
    public static string Name(this WorldModel w, Guid id)
    {
        if (w.Users.FirstOrDefault(u => u.Id == id) is { } user) return $"user {user.UserName}";
        if (w.Organizations.FirstOrDefault(o => o.Id == id) is { } organization) return $"org '{organization.Name}'";
        if (w.Spheres.FirstOrDefault(s => s.Id == id) is { } sphere) return $"sphere '{sphere.Name}' ({Probe.Snake(sphere.Type)})";
        if (w.Groups.FirstOrDefault(g => g.Id == id) is { } group) return $"group {group.Handle}";
        if (w.Invitations.FirstOrDefault(i => i.Id == id) is { } invitation) return $"invitation {invitation.Id} ({Probe.Snake(invitation.Status)})";
        if (w.JoinRequests.FirstOrDefault(r => r.Id == id) is { } request) return $"join request {request.Id} ({Probe.Snake(request.Status)})";
        if (w.Conversations.Name(id) is { } conversation) return conversation;
        return id.ToString();
    }
}

using Enclave.Server.Access;
using Enclave.Server.Accounts;
using Enclave.Server.Data;
using Enclave.Server.Federations;
using Enclave.Server.Live;
using Enclave.Server.Memberships;
using Enclave.Server.Notifications;
using Enclave.Server.Organizations;
using Enclave.Server.Posts;
using Enclave.Server.Spheres;
using Enclave.Server.Web;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Demo;

public sealed record DemoSummary(int Organizations, int Spheres, int People, int Posts);

/// <summary>
/// Writes <see cref="DemoWorld"/> into an empty database, in one transaction, through the
/// application's own services (accounts, memberships and the federation rule, posts with their
/// Markdown and mentions, comments, invitations) and the gate, which checks every step as it
/// would check a request: a world the gate would not allow fails to load. The services see a
/// <see cref="DemoClock"/> set back from the injected clock, so the history spans a few days.
/// </summary>
public sealed class DemoLoader(IServiceProvider services, EnclaveDb db, AccessGate gate, TimeProvider clock)
{
    public const string NotEmptyCode = "database_not_empty";
    public const string EmailDomain = "voile.example";

    public async Task<bool> IsDatabaseEmptyAsync(CancellationToken cancellationToken) => !await db.Users.AnyAsync(cancellationToken);

    public async Task<DemoSummary> LoadAsync(CancellationToken cancellationToken)
    {
        var time = new DemoClock(clock.GetUtcNow());
        // The history is written after the fact: nobody is listening, so no live signal is sent (the rows stay replayable).
        var live = ActivatorUtilities.CreateInstance<LivePublisher>(services, time, new SilentBus());
        var notifier = ActivatorUtilities.CreateInstance<Notifier>(services, live, time);
        var memberships = ActivatorUtilities.CreateInstance<MembershipService>(services, time);
        var ids = new DemoIds();
        var conversations = new DemoConversations(db, gate, ids, time,
            ActivatorUtilities.CreateInstance<PostService>(services, time),
            ActivatorUtilities.CreateInstance<PostEvents>(services, live, notifier),
            ActivatorUtilities.CreateInstance<InvitationService>(services, memberships, notifier, time));
        await db.InTransactionAsync(async () =>
        {
            if (!await IsDatabaseEmptyAsync(cancellationToken))
                throw ProblemException.Conflict(NotEmptyCode, "The database already has accounts: demo data is only loaded into an empty database.");
            await CreatePeopleAsync(ActivatorUtilities.CreateInstance<AccountService>(services, time), time, ids, cancellationToken);
            await CreateOrganizationsAsync(ActivatorUtilities.CreateInstance<FederationService>(services, memberships), memberships, time, ids, cancellationToken);
            await CreateSpheresAsync(memberships, time, ids, cancellationToken);
            await conversations.WriteAsync(cancellationToken);
        }, cancellationToken);
        return new DemoSummary(DemoWorld.Organizations.Length, DemoWorld.Spheres.Length, DemoWorld.People.Length, DemoPosts.All.Length);
    }

    private async Task CreatePeopleAsync(AccountService accounts, DemoClock time, DemoIds ids, CancellationToken cancellationToken)
    {
        for (var i = 0; i < DemoWorld.People.Length; i++)
        {
            var person = DemoWorld.People[i];
            time.SetAgo(TimeSpan.FromDays(8) - TimeSpan.FromHours(3 * i));
            var user = await accounts.CreateAsync(new SignupRequest(person.UserName, person.FirstName, person.LastName,
                $"{person.UserName}@{EmailDomain}", DemoWorld.Password, person.Language), platformAdmin: false, cancellationToken);
            user.Bio = person.Bio;
            user.Status = person.Status;
            await db.SaveChangesAsync(cancellationToken);
            ids.People[person.UserName] = user.Id;
        }
    }

    private async Task CreateOrganizationsAsync(FederationService federations, MembershipService memberships, DemoClock time, DemoIds ids, CancellationToken cancellationToken)
    {
        time.SetAgo(TimeSpan.FromDays(7));
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var o in DemoWorld.Organizations)
        {
            var id = Ids.New();
            ids.Organizations[o.Key] = id;
            db.Organizations.Add(new Organization
            {
                Id = id, RootId = id, Name = o.Name, Description = o.Description, ExternalPortal = true,
                Charter = o.Charter, CharterVersion = o.Charter is null ? 0 : 1, CreatedAt = now,
            });
            db.OrganizationMembers.Add(new OrganizationMember { Id = Ids.New(), OrganizationId = id, UserId = ids.People[o.Creator], Role = OrganizationRole.Manager, JoinedAt = now });
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var o in DemoWorld.Organizations.Where(o => o.Parent is not null))
            await federations.AttachAsync(ids.Organizations[o.Key], ids.Organizations[o.Parent!], cancellationToken);

        for (var i = 0; i < DemoWorld.Members.Length; i++)
        {
            var m = DemoWorld.Members[i];
            time.SetAgo(TimeSpan.FromDays(7) - TimeSpan.FromHours(2 * (i + 1)));
            await memberships.AddToOrganizationAsync(ids.Organizations[m.Organization], ids.People[m.Person], m.Role, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        // Everyone inside an organization with a charter has accepted it, or its spheres would stay closed to them.
        time.SetAgo(TimeSpan.FromDays(6) + TimeSpan.FromHours(6));
        foreach (var o in DemoWorld.Organizations.Where(o => o.Charter is not null))
        {
            var organizationId = ids.Organizations[o.Key];
            var insiders = await db.OrganizationMembers.Where(m => m.OrganizationId == organizationId && m.Role != OrganizationRole.Visitor)
                .Select(m => m.UserId).ToListAsync(cancellationToken);
            foreach (var userId in insiders)
                db.CharterAcceptances.Add(new CharterAcceptance { Id = Ids.New(), OrganizationId = organizationId, UserId = userId, Version = 1, AcceptedAt = time.GetUtcNow().UtcDateTime });
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task CreateSpheresAsync(MembershipService memberships, DemoClock time, DemoIds ids, CancellationToken cancellationToken)
    {
        for (var i = 0; i < DemoWorld.Spheres.Length; i++)
        {
            var s = DemoWorld.Spheres[i];
            time.SetAgo(TimeSpan.FromDays(6) - TimeSpan.FromHours(2 * i));
            var now = time.GetUtcNow().UtcDateTime;
            var creatorId = ids.People[s.Creator];
            // The rules of POST /spheres: the creator may create spheres there, and only a manager makes one global.
            var organization = await gate.OrganizationAsync(new Viewer(creatorId, false), ids.Organizations[s.Organization], cancellationToken);
            if (!organization.CanCreateSpheres || (s.Type == SphereType.Global && !organization.IsManager))
                throw new InvalidOperationException($"Demo world: {s.Creator} cannot create the {s.Type} sphere {s.Name}.");
            var sphere = new Sphere
            {
                Id = Ids.New(), OrganizationId = organization.Organization.Id, Name = s.Name, Description = s.Description, Type = s.Type,
                ListedInPortal = s.ListedInPortal, MembersCanInvite = s.MembersCanInvite, CreatedById = creatorId, CreatedAt = now,
            };
            db.Spheres.Add(sphere);
            db.SphereMembers.Add(new SphereMember { Id = Ids.New(), OrganizationId = sphere.OrganizationId, SphereId = sphere.Id, UserId = creatorId, Role = SphereRole.Administrator, JoinedAt = now });
            await db.SaveChangesAsync(cancellationToken);
            ids.Spheres[s.Key] = sphere.Id;
            foreach (var (person, role) in s.Roles)
                await memberships.AddToSphereAsync(sphere, ids.People[person], role, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        foreach (var g in DemoWorld.Groups)
        {
            var sphereId = ids.Spheres[g.Sphere];
            var organizationId = ids.Organizations[DemoWorld.Spheres.First(s => s.Key == g.Sphere).Organization];
            var group = new SphereGroup { Id = Ids.New(), OrganizationId = organizationId, SphereId = sphereId, Name = g.Name, Handle = g.Handle, CreatedAt = time.GetUtcNow().UtcDateTime };
            db.SphereGroups.Add(group);
            foreach (var person in g.Members)
            {
                if (!(await gate.SphereAsync(new Viewer(ids.People[person], false), sphereId, cancellationToken)).IsMember)
                    throw new InvalidOperationException($"Demo world: {person} is not a member of the sphere of group {g.Handle}.");
                db.SphereGroupMembers.Add(new SphereGroupMember { Id = Ids.New(), OrganizationId = organizationId, SphereId = sphereId, GroupId = group.Id, UserId = ids.People[person] });
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Stores live events without signalling anyone: the demo history is written before anyone connects.</summary>
    private sealed class SilentBus : IEventBus
    {
        public event Action<Guid>? Signalled { add { } remove { } }

        public Task SignalAsync(Guid eventId, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>The ids the loader gave to the world's keys (user names, organization and sphere keys).</summary>
public sealed class DemoIds
{
    public Dictionary<string, Guid> People { get; } = [];
    public Dictionary<string, Guid> Organizations { get; } = [];
    public Dictionary<string, Guid> Spheres { get; } = [];
}

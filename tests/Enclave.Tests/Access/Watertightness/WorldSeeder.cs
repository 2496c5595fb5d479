using Enclave.Server.Accounts;
using Enclave.Server.Data;
using Enclave.Server.Memberships;
using Enclave.Server.Organizations;
using Enclave.Server.Spheres;
using Enclave.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.Tests.Access.Watertightness;

/// <summary>Writes a <see cref="WorldModel"/> straight into the database (bulk inserts, no HTTP), with one bearer session per person.</summary>
public static class WorldSeeder
{
    public static async Task SeedAsync(EnclaveApp app, WorldModel w)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EnclaveDb>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var now = w.Now;
        // Hashing is deliberately slow: one hash serves everyone (nobody logs in with a password here).
        var passwordHash = scope.ServiceProvider.GetRequiredService<IPasswordHasher<User>>()
            .HashPassword(new User { UserName = "x", NormalizedUserName = "x", FirstName = "x", LastName = "x", Email = "x", NormalizedEmail = "x", PasswordHash = "" }, World.Password);

        db.Users.AddRange(w.Users.Select(u => new User
        {
            Id = u.Id, UserName = u.UserName, NormalizedUserName = u.UserName.ToLowerInvariant(), FirstName = "Person", LastName = u.UserName,
            Email = u.Email, NormalizedEmail = u.Email.ToLowerInvariant(), PasswordHash = passwordHash, IsPlatformAdmin = u.IsPlatformAdmin,
            PersonalOrganizationId = u.PersonalOrganizationId, CreatedAt = now, IdentityVerifiedAt = u.Verified ? now : null,
        }));
        db.Sessions.AddRange(w.Users.Select(u => new Session
        {
            Id = Guid.CreateVersion7(), UserId = u.Id, TokenHash = Secrets.Hash(u.Secret), CreatedAt = now, LastSeenAt = now, ExpiresAt = now.AddDays(30),
        }));
        db.Organizations.AddRange(w.Organizations.Select(o => new Organization
        {
            Id = o.Id, Name = o.Name, IsPersonal = o.IsPersonal, ParentId = o.ParentId, RootId = o.RootId, HiddenInTree = o.HiddenInTree,
            ExternalPortal = o.ExternalPortal, Charter = o.Charter, CharterVersion = o.CharterVersion, CreatedAt = now,
        }));
        db.OrganizationMembers.AddRange(w.OrganizationRoles.Select(kv => new OrganizationMember
        {
            Id = Guid.CreateVersion7(), OrganizationId = kv.Key.Organization, UserId = kv.Key.User, Role = kv.Value, JoinedAt = now,
        }));
        db.Spheres.AddRange(w.Spheres.Select(s => new Sphere
        {
            Id = s.Id, OrganizationId = s.OrganizationId, Name = s.Name, Type = s.Type, ListedInPortal = s.ListedInPortal,
            MembersCanInvite = s.MembersCanInvite, Charter = s.Charter, CharterVersion = s.CharterVersion, CreatedById = s.CreatedById, CreatedAt = now,
            VerifiedOnly = s.VerifiedOnly,
        }));
        db.SphereMembers.AddRange(w.SphereRows.Select(kv => new SphereMember
        {
            Id = Guid.CreateVersion7(), OrganizationId = w.Sphere(kv.Key.Sphere).OrganizationId, SphereId = kv.Key.Sphere, UserId = kv.Key.User,
            Role = kv.Value, JoinedAt = now,
        }));
        db.CharterAcceptances.AddRange(w.Acceptances.Select(a => new CharterAcceptance
        {
            Id = Guid.CreateVersion7(), OrganizationId = a.OrganizationId, SphereId = a.SphereId, UserId = a.UserId, Version = a.Version, AcceptedAt = now,
        }));
        db.Invitations.AddRange(w.Invitations.Select(i => new Invitation
        {
            Id = i.Id, OrganizationId = i.OrganizationId, SphereId = i.SphereId, InvitedById = i.InvitedById, InviteeUserId = i.InviteeUserId,
            InviteeEmail = i.InviteeEmail, Role = i.Role, TokenHash = Secrets.Hash(Secrets.New("inv_")), Status = i.Status,
            CreatedAt = now.AddHours(-1), ExpiresAt = i.ExpiresAt, DecidedAt = i.Status is InvitationStatus.Pending or InvitationStatus.AwaitingApproval ? null : now,
        }));
        db.JoinRequests.AddRange(w.JoinRequests.Select(r => new JoinRequest
        {
            Id = r.Id, OrganizationId = r.OrganizationId, SphereId = r.SphereId, UserId = r.UserId, Status = r.Status, CreatedAt = now.AddHours(-1),
            DecidedAt = r.Status == JoinRequestStatus.Pending ? null : now,
        }));
        db.SphereGroups.AddRange(w.Groups.Select(g => new SphereGroup
        {
            Id = g.Id, OrganizationId = g.OrganizationId, SphereId = g.SphereId, Name = $"Group {g.Handle}", Handle = g.Handle, CreatedAt = now,
        }));
        db.SphereGroupMembers.AddRange(w.Groups.SelectMany(g => g.MemberIds.Select(u => new SphereGroupMember
        {
            Id = Guid.CreateVersion7(), OrganizationId = g.OrganizationId, SphereId = g.SphereId, GroupId = g.Id, UserId = u,
        })));
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync();
    }
}

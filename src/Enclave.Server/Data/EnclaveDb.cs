using Enclave.Server.Accounts;
using Enclave.Server.Audit;
using Enclave.Server.Federations;
using Enclave.Server.Live;
using Enclave.Server.Memberships;
using Enclave.Server.Notifications;
using Enclave.Server.Organizations;
using Enclave.Server.Posts;
using Enclave.Server.Posts.Attachments;
using Enclave.Server.Spheres;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Data;

/// <summary>The one EF Core model, shared by SQLite and PostgreSQL.</summary>
public sealed class EnclaveDb(DbContextOptions<EnclaveDb> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<AccessToken> AccessTokens => Set<AccessToken>();
    public DbSet<PasswordResetToken> PasswordResetTokens => Set<PasswordResetToken>();
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<OrganizationMember> OrganizationMembers => Set<OrganizationMember>();
    public DbSet<FederationRequest> FederationRequests => Set<FederationRequest>();
    public DbSet<Sphere> Spheres => Set<Sphere>();
    public DbSet<SphereMember> SphereMembers => Set<SphereMember>();
    public DbSet<SphereGroup> SphereGroups => Set<SphereGroup>();
    public DbSet<SphereGroupMember> SphereGroupMembers => Set<SphereGroupMember>();
    public DbSet<SphereProfile> SphereProfiles => Set<SphereProfile>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<JoinRequest> JoinRequests => Set<JoinRequest>();
    public DbSet<CharterAcceptance> CharterAcceptances => Set<CharterAcceptance>();
    public DbSet<Post> Posts => Set<Post>();
    public DbSet<PostRecipient> PostRecipients => Set<PostRecipient>();
    public DbSet<PostRevision> PostRevisions => Set<PostRevision>();
    public DbSet<PostTag> PostTags => Set<PostTag>();
    public DbSet<Comment> Comments => Set<Comment>();
    public DbSet<Reaction> Reactions => Set<Reaction>();
    public DbSet<ReadMarker> ReadMarkers => Set<ReadMarker>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<LiveEvent> LiveEvents => Set<LiveEvent>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<NotificationSetting> NotificationSettings => Set<NotificationSetting>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Accounts.TwoFactor.TwoFactorCredential> TwoFactorCredentials => Set<Accounts.TwoFactor.TwoFactorCredential>();
    public DbSet<Accounts.TwoFactor.RecoveryCode> RecoveryCodes => Set<Accounts.TwoFactor.RecoveryCode>();
    public DbSet<Notifications.Delivery.NotificationPreference> NotificationPreferences => Set<Notifications.Delivery.NotificationPreference>();
    public DbSet<Notifications.Delivery.DeliverySettings> DeliverySettings => Set<Notifications.Delivery.DeliverySettings>();
    public DbSet<Notifications.Delivery.EmailAddress> EmailAddresses => Set<Notifications.Delivery.EmailAddress>();
    public DbSet<Notifications.Delivery.OrganizationEmailChoice> OrganizationEmailChoices => Set<Notifications.Delivery.OrganizationEmailChoice>();
    public DbSet<Notifications.Delivery.QueuedEmail> QueuedEmails => Set<Notifications.Delivery.QueuedEmail>();
    public DbSet<Privacy.Export.DataExport> DataExports => Set<Privacy.Export.DataExport>();
    public DbSet<Moderation.Report> Reports => Set<Moderation.Report>();
    public DbSet<Moderation.ModerationAction> ModerationActions => Set<Moderation.ModerationAction>();
    public DbSet<Moderation.SphereMute> SphereMutes => Set<Moderation.SphereMute>();
    public DbSet<Moderation.OrganizationBan> OrganizationBans => Set<Moderation.OrganizationBan>();
    public DbSet<Analytics.ActivityDay> ActivityDays => Set<Analytics.ActivityDay>();
    public DbSet<Analytics.RollupWatermark> RollupWatermarks => Set<Analytics.RollupWatermark>();
    public DbSet<Access.AccessGeneration> AccessGenerations => Set<Access.AccessGeneration>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(EnclaveDb).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite hands DateTime back with Kind=Unspecified; every time we store is UTC,
        // so say so on the way out. PostgreSQL (timestamptz) already returns UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcNullableDateTimeConverter>();
        // Enums are stored as readable strings so that SQL dumps and exports stay legible.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }
}

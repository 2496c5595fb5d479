namespace Enclave.Server.Audit.Pages;

/// <summary>
/// The readable English name of each action code (the key of its French translation). A code
/// without a name (one added by a later feature) shows as itself rather than disappearing.
/// </summary>
public static class AuditActionNames
{
    private static readonly Dictionary<string, string> Names = new()
    {
        [AuditActions.SignIn] = "Signed in",
        [AuditActions.SignInFailed] = "Failed sign-in",
        [AuditActions.SignOut] = "Signed out",
        [AuditActions.SignOutAll] = "Signed out everywhere",
        [AuditActions.SessionRevoked] = "Session closed",
        [AuditActions.PasswordChanged] = "Password changed",
        [AuditActions.PasswordResetRequested] = "Password reset requested",
        [AuditActions.PasswordReset] = "Password reset",
        [AuditActions.EmailChanged] = "Email changed",
        [AuditActions.TwoFactorEnabled] = "Two-factor sign-in enabled",
        [AuditActions.TwoFactorDisabled] = "Two-factor sign-in disabled",
        [AuditActions.TwoFactorFailed] = "Wrong two-factor code",
        [AuditActions.RecoveryCodeUsed] = "Recovery code used",
        [AuditActions.RecoveryCodesRegenerated] = "Recovery codes renewed",
        [AuditActions.TokenCreated] = "Access token created",
        [AuditActions.TokenRevoked] = "Access token revoked",
        [AuditActions.AccountCreated] = "Account created",
        [AuditActions.AccountClosed] = "Account closed",
        [AuditActions.AccountRestored] = "Account restored",
        [AuditActions.AccountPurged] = "Account purged",
        [AuditActions.ExportRequested] = "Data export requested",
        [AuditActions.ExportDownloaded] = "Data export downloaded",
        [AuditActions.OrganizationExportRequested] = "Organization export requested",
        [AuditActions.OrganizationImported] = "Organization imported",
        [AuditActions.IdentityVerified] = "Identity verified",
        [AuditActions.IdentityUnverified] = "Identity verification removed",
        [AuditActions.OrganizationCreated] = "Organization created",
        [AuditActions.OrganizationSettingsChanged] = "Organization settings changed",
        [AuditActions.OrganizationDeleted] = "Organization deleted",
        [AuditActions.OrganizationRoleChanged] = "Organization role changed",
        [AuditActions.OrganizationMemberRemoved] = "Removed from the organization",
        [AuditActions.OrganizationLeft] = "Left the organization",
        [AuditActions.OrganizationPolicyChanged] = "Security policy changed",
        [AuditActions.SphereCreated] = "Sphere created",
        [AuditActions.SphereSettingsChanged] = "Sphere settings changed",
        [AuditActions.SphereDeleted] = "Sphere deleted",
        [AuditActions.SphereRoleChanged] = "Sphere role changed",
        [AuditActions.SphereMemberRemoved] = "Removed from a sphere",
        [AuditActions.SphereLeft] = "Left a sphere",
        [AuditActions.InvitationCreated] = "Invitation sent",
        [AuditActions.InvitationAccepted] = "Invitation accepted",
        [AuditActions.InvitationRevoked] = "Invitation revoked",
        [AuditActions.JoinRequestApproved] = "Request to join approved",
        [AuditActions.JoinRequestRefused] = "Request to join refused",
        [AuditActions.CharterChanged] = "Charter changed",
        [AuditActions.FederationChanged] = "Federation changed",
        [AuditActions.PlatformAdminChanged] = "Platform administrator changed",
        [AuditActions.PlanChanged] = "Plan changed",
        [AuditActions.ReportCreated] = "Content reported",
        [AuditActions.ContentHidden] = "Content hidden",
        [AuditActions.ContentDeleted] = "Content deleted",
        [AuditActions.ContentRestored] = "Content restored",
        [AuditActions.MemberWarned] = "Member warned",
        [AuditActions.MemberMuted] = "Member muted",
        [AuditActions.MemberRemovedByModerator] = "Removed by a moderator",
        [AuditActions.MemberBanned] = "Banned from the organization",
        [AuditActions.MemberUnbanned] = "Ban lifted",
        [AuditActions.ReportDismissed] = "Report dismissed",
        [AuditActions.CommentApproved] = "Comment approved",
    };

    public static IReadOnlyDictionary<string, string> All => Names;

    public static string? Of(string action) => Names.GetValueOrDefault(action);

    /// <summary>The families offered by the filter, as (prefix, English label).</summary>
    public static readonly (string Prefix, string Label)[] Families =
    [
        ("auth.", "Sign-in and security"),
        ("token.", "Access tokens"),
        ("account.", "Account"),
        ("export.", "Exports"),
        ("organization.", "Organization"),
        ("sphere.", "Spheres"),
        ("invitation.", "Invitations"),
        ("join_request.", "Requests to join"),
        ("charter.", "Charters"),
        ("federation.", "Federation"),
        ("moderation.", "Moderation"),
        ("platform.", "Platform"),
    ];
}

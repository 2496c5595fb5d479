namespace Enclave.Server.Audit;

/// <summary>
/// The stable action codes of the audit trail (they appear in the API and CSV exports, so they
/// never change once released). Grouped by area; add new codes, never rename one.
/// </summary>
public static class AuditActions
{
    // Sign-in and account security
    public const string SignIn = "auth.sign_in";
    public const string SignInFailed = "auth.sign_in_failed";
    public const string SignOut = "auth.sign_out";
    public const string SignOutAll = "auth.sign_out_all";
    public const string SessionRevoked = "auth.session_revoked";
    public const string PasswordChanged = "auth.password_changed";
    public const string PasswordResetRequested = "auth.password_reset_requested";
    public const string PasswordReset = "auth.password_reset";
    public const string EmailChanged = "auth.email_changed";
    public const string TwoFactorEnabled = "auth.2fa_enabled";
    public const string TwoFactorDisabled = "auth.2fa_disabled";
    public const string TwoFactorFailed = "auth.2fa_failed";
    public const string RecoveryCodeUsed = "auth.recovery_code_used";
    public const string RecoveryCodesRegenerated = "auth.recovery_codes_regenerated";
    public const string TokenCreated = "token.created";
    public const string TokenRevoked = "token.revoked";

    // Accounts and privacy
    public const string AccountCreated = "account.created";
    public const string AccountClosed = "account.closed";
    public const string AccountRestored = "account.restored";
    public const string AccountPurged = "account.purged";
    public const string ExportRequested = "export.requested";
    public const string ExportDownloaded = "export.downloaded";
    public const string OrganizationExportRequested = "export.organization_requested";
    public const string OrganizationImported = "import.organization";
    public const string IdentityVerified = "identity.verified";
    public const string IdentityUnverified = "identity.unverified";

    // Organizations and spheres
    public const string OrganizationCreated = "organization.created";
    public const string OrganizationSettingsChanged = "organization.settings_changed";
    public const string OrganizationDeleted = "organization.deleted";
    public const string OrganizationRoleChanged = "organization.role_changed";
    public const string OrganizationMemberRemoved = "organization.member_removed";
    public const string OrganizationLeft = "organization.left";
    public const string OrganizationPolicyChanged = "organization.policy_changed";
    public const string SphereCreated = "sphere.created";
    public const string SphereSettingsChanged = "sphere.settings_changed";
    public const string SphereDeleted = "sphere.deleted";
    public const string SphereRoleChanged = "sphere.role_changed";
    public const string SphereMemberRemoved = "sphere.member_removed";
    public const string SphereLeft = "sphere.left";
    public const string InvitationCreated = "invitation.created";
    public const string InvitationAccepted = "invitation.accepted";
    public const string InvitationRevoked = "invitation.revoked";
    public const string JoinRequestApproved = "join_request.approved";
    public const string JoinRequestRefused = "join_request.refused";
    public const string CharterChanged = "charter.changed";
    public const string FederationChanged = "federation.changed";
    public const string PlatformAdminChanged = "platform.admin_changed";
    public const string PlanChanged = "platform.plan_changed";

    // Moderation
    public const string ReportCreated = "moderation.report_created";
    public const string ContentHidden = "moderation.hidden";
    public const string ContentDeleted = "moderation.deleted";
    public const string ContentRestored = "moderation.restored";
    public const string MemberWarned = "moderation.warned";
    public const string MemberMuted = "moderation.muted";
    public const string MemberRemovedByModerator = "moderation.removed";
    public const string MemberBanned = "moderation.banned";
    public const string MemberUnbanned = "moderation.unbanned";
    public const string ReportDismissed = "moderation.dismissed";
    public const string CommentApproved = "moderation.comment_approved";
}

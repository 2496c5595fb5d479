namespace Enclave.Server.Accounts;

/// <summary>The signed-in user's own account.</summary>
public sealed record MeView(
    Guid Id, string UserName, string FirstName, string LastName, string DisplayName, string Email,
    string Bio, string Status, string? AvatarUrl, string Language, bool IsPlatformAdmin,
    Guid PersonalOrganizationId, DateTime CreatedAt)
{
    public static MeView From(User u) => new(u.Id, u.UserName, u.FirstName, u.LastName, u.DisplayName, u.Email,
        u.Bio, u.Status, AvatarLink(u.Id, u.AvatarKey), u.Language, u.IsPlatformAdmin, u.PersonalOrganizationId, u.CreatedAt);

    public static string? AvatarLink(Guid userId, string? key) => key is null ? null : $"/api/v1/users/{userId}/avatar?v={key[^8..]}";
}

/// <summary>
/// Another person as someone who shares a space with them sees them (no email). <see cref="Verified"/>:
/// their identity was verified by an organization manager or a platform administrator (the badge
/// shown next to their name everywhere).
/// </summary>
/// <remarks><see cref="Former"/>: a closed account (Privacy/Closing), shown as "Former member" with no name, profile or avatar.</remarks>
public sealed record UserSummary(Guid Id, string UserName, string DisplayName, string FirstName, string LastName, string Bio, string Status, string? AvatarUrl,
    bool Verified, bool Former = false)
{
    public const string FormerUserName = "former-member";
    public const string FormerDisplayName = "Former member";

    public static UserSummary From(User u) => u.ClosedAt is not null
        ? new(u.Id, FormerUserName, FormerDisplayName, "", "", "", "", null, false, true)
        : new(u.Id, u.UserName, u.DisplayName, u.FirstName, u.LastName, u.Bio, u.Status, MeView.AvatarLink(u.Id, u.AvatarKey), u.IsIdentityVerified);
}

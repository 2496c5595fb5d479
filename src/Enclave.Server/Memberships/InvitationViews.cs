namespace Enclave.Server.Memberships;

public sealed record CreateInvitationRequest(string? UserName, string? Email, string? Role, string? Message);

public sealed record InvitationResponse(
    Guid Id, Guid OrganizationId, string OrganizationName, Guid? SphereId, string? SphereName, Guid InvitedById, string InvitedByName,
    Guid? InviteeUserId, string? InviteeEmail, string Role, string Message, InvitationStatus Status, DateTime CreatedAt, DateTime ExpiresAt);

/// <summary>Returned once, when the invitation is created: the link carries the only copy of the secret token.</summary>
public sealed record InvitationCreated(InvitationResponse Invitation, string Token, string Link);

public sealed record AcceptByTokenRequest(string? Token);

public sealed record AcceptedResponse(Guid OrganizationId, Guid? SphereId);

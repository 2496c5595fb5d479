using Enclave.Server.Access;
using Enclave.Server.Accounts;
using Enclave.Server.Audit;
using Enclave.Server.Data;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Organizations;

/// <summary><see cref="MinPasswordLength"/> null means the platform's minimum.</summary>
public sealed record SecurityPolicy(int? MinPasswordLength, bool RequireTwoFactor);

public sealed record SecurityPolicyRequest(int? MinPasswordLength, bool? RequireTwoFactor);

/// <summary>
/// An organization's sign-in policy, set by its managers: a minimum password length for its
/// members (8 to 128; the platform's own minimum still applies when it is higher) and whether two-factor
/// sign-in is required to reach its content (enforced by the access gate, see <c>AccessGate.TwoFactor.cs</c>).
/// </summary>
public static class SecurityPolicyEndpoints
{
    public const int MinLength = 8;
    public const int MaxLength = 128;

    public static RouteGroupBuilder MapSecurityPolicy(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/organizations/{id:guid}/security-policy").WithTags("Organizations");
        group.MapGet("/", Get);
        group.MapPut("/", Put);
        return group;
    }

    internal static async Task<Ok<SecurityPolicy>> Get(Guid id, Viewer viewer, AccessGate gate, CancellationToken cancellationToken)
    {
        _ = viewer.Id;
        var access = await gate.OrganizationAsync(viewer, id, cancellationToken);
        if (!access.IsInsider) throw ProblemException.NotFound("organization");
        return TypedResults.Ok(new SecurityPolicy(access.Organization.MinPasswordLength, access.Organization.RequireTwoFactor));
    }

    /// <summary>
    /// Replaces the policy. Requiring two-factor sign-in is refused to a manager who has not enabled
    /// it: they would lock themselves out of the organization with the change.
    /// </summary>
    internal static async Task<Ok<SecurityPolicy>> Put(Guid id, SecurityPolicyRequest request, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, CancellationToken cancellationToken)
    {
        var access = await OrganizationEndpoints.RequireManagerAsync(gate, viewer, id, cancellationToken);
        var v = new Validation().Require("requireTwoFactor", request.RequireTwoFactor);
        if (request.MinPasswordLength is < MinLength or > MaxLength) v.Add("minPasswordLength", $"must be between {MinLength} and {MaxLength}.");
        if (access.Organization.IsPersonal) v.Add("organization", "a personal organization has no security policy.");
        v.ThrowIfAny();
        var userId = viewer.Id;
        if (request.RequireTwoFactor == true && !await db.TwoFactorCredentials.AnyAsync(c => c.UserId == userId && c.EnabledAt != null, cancellationToken))
            throw ProblemException.Conflict("two_factor_not_enabled", "Enable two-factor sign-in on your own account before requiring it from the organization.");
        var organization = await db.Organizations.FirstAsync(o => o.Id == id, cancellationToken);
        organization.MinPasswordLength = request.MinPasswordLength;
        organization.RequireTwoFactor = request.RequireTwoFactor!.Value;
        audit.Record(AuditActions.OrganizationPolicyChanged, userId, new AuditTarget(OrganizationId: id, TargetType: "organization", TargetId: id,
            Detail: $"minPasswordLength={request.MinPasswordLength?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default"};requireTwoFactor={(organization.RequireTwoFactor ? "true" : "false")}"));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new SecurityPolicy(organization.MinPasswordLength, organization.RequireTwoFactor));
    }
}

/// <summary>The strictest minimum password length over a person's organizations (and the platform's).</summary>
public static class PasswordPolicy
{
    public static async Task<int> MinLengthAsync(EnclaveDb db, Guid userId, CancellationToken cancellationToken)
    {
        var strictest = await db.Organizations
            .Where(o => o.MinPasswordLength != null && db.OrganizationMembers.Any(m => m.OrganizationId == o.Id && m.UserId == userId))
            .MaxAsync(o => o.MinPasswordLength, cancellationToken);
        return Math.Max(AccountRules.PasswordMinLength, strictest ?? 0);
    }

    /// <summary>Refuses a new password shorter than the person's organizations require (400 on <paramref name="field"/>).</summary>
    public static async Task EnsureAsync(EnclaveDb db, Guid userId, string field, string password, CancellationToken cancellationToken)
    {
        var min = await MinLengthAsync(db, userId, cancellationToken);
        if (password.Length < min) Validation.Field(field, $"must be at least {min} characters, as your organization requires.");
    }
}

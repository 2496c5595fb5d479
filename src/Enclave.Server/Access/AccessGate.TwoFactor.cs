using Enclave.Server.Organizations;
using Enclave.Server.Web;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Access;

/// <summary>
/// An organization's "two-factor sign-in required" policy, enforced here for every read path that
/// goes through the gate: a person inside such an organization without two-factor sign-in gets
/// <c>two_factor_required_by_organization</c> (403) for its content until they enable it.
/// </summary>
public sealed partial class AccessGate
{
    public const string TwoFactorRequiredCode = "two_factor_required_by_organization";

    private async Task EnsureTwoFactorAsync(Guid userId, Organization organization, CancellationToken cancellationToken)
    {
        // Only organizations with the policy pay for the lookup.
        if (!organization.RequireTwoFactor) return;
        EnsureTwoFactor(organization, await db.TwoFactorCredentials.AnyAsync(c => c.UserId == userId && c.EnabledAt != null, cancellationToken));
    }

    /// <summary>The policy applied to a fact already read (<paramref name="enabled"/>: the person has two-factor sign-in).</summary>
    private static void EnsureTwoFactor(Organization organization, bool enabled)
    {
        if (!organization.RequireTwoFactor || enabled) return;
        throw ProblemException.Forbidden(TwoFactorRequiredCode,
            "This organization requires two-factor sign-in. Enable it in your security settings to continue.");
    }
}

using Enclave.Server.Data;
using Enclave.Server.Web;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Verification;

public static class IdentityVerificationRules
{
    /// <summary>
    /// Restricting a sphere to verified members is refused to an unverified administrator: the
    /// restriction would suspend their own membership at once and leave the sphere without anyone to undo it.
    /// </summary>
    public static async Task RequireVerifiedAsync(EnclaveDb db, Guid userId, CancellationToken cancellationToken)
    {
        if (!await db.Users.AnyAsync(u => u.Id == userId && u.IdentityVerifiedAt != null, cancellationToken))
            throw ProblemException.Conflict("own_identity_not_verified",
                "Your own identity must be verified before you restrict a sphere to verified members.");
    }
}

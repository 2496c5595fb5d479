using Enclave.Server.Accounts;
using Enclave.Server.Data;
using Enclave.Server.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Verification;

/// <summary>
/// Where a message comes from, shown to those who may read it: the author's standing in the
/// organization the message was written in (manager, member, visitor, or none: a personal sphere or
/// someone who has since left) and whether, and by whom, their identity was verified.
/// </summary>
public sealed record AuthorProvenance(Guid OrganizationId, string OrganizationName, OrganizationRole? Role, bool Verified,
    string? VerifiedByOrganizationName, bool VerifiedByPlatform);

/// <summary>Provenance for a page of messages in a fixed number of queries (roles, verifying organizations), never one per message.</summary>
public static class AuthorProvenances
{
    public static async Task<Func<Guid, Guid, AuthorProvenance>> LoadAsync(EnclaveDb db, IReadOnlyDictionary<Guid, User> authors,
        IReadOnlyDictionary<Guid, (string Name, bool Personal)> organizations, CancellationToken cancellationToken)
    {
        var authorIds = authors.Keys.ToList();
        var organizationIds = organizations.Where(o => !o.Value.Personal).Select(o => o.Key).ToList();
        var roles = authorIds.Count == 0 || organizationIds.Count == 0 ? [] : await db.OrganizationMembers.AsNoTracking()
            .Where(m => organizationIds.Contains(m.OrganizationId) && authorIds.Contains(m.UserId))
            .Select(m => new { m.OrganizationId, m.UserId, m.Role }).ToListAsync(cancellationToken);
        var roleOf = roles.ToDictionary(r => (r.OrganizationId, r.UserId), r => r.Role);
        var verifierIds = authors.Values.Select(a => a.IdentityVerifiedByOrganizationId).OfType<Guid>().Distinct().ToList();
        var verifierNames = verifierIds.Count == 0 ? [] : await db.Organizations.AsNoTracking()
            .Where(o => verifierIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        return (authorId, organizationId) =>
        {
            var author = authors[authorId];
            var (name, _) = organizations[organizationId];
            OrganizationRole? role = roleOf.TryGetValue((organizationId, authorId), out var r) ? r : null;
            var byOrganization = author.IdentityVerifiedByOrganizationId is { } v ? verifierNames.GetValueOrDefault(v) : null;
            return new AuthorProvenance(organizationId, name, role, author.IsIdentityVerified, byOrganization,
                author.IsIdentityVerified && author.IdentityVerifiedByOrganizationId is null);
        };
    }
}

using System.Globalization;
using Enclave.Server.Data;
using Enclave.Server.Web;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Audit;

/// <summary>
/// One entry as readers see it. Names are looked up when the entry is read, never stored: a
/// closed or purged account shows as <see cref="AuditReader.FormerMember"/>.
/// </summary>
public sealed record AuditEntryView(
    Guid Id, DateTime At, string Action, Guid? ActorId, string? ActorName, Guid? SubjectUserId, string? SubjectName,
    Guid? OrganizationId, Guid? SphereId, string? TargetType, Guid? TargetId, string Ip, string? Detail);

/// <summary>Whose trail is read: a person's own entries, one organization's, or the whole platform's.</summary>
public readonly record struct AuditScope(Guid? UserId, Guid? OrganizationId)
{
    public static AuditScope Person(Guid userId) => new(userId, null);
    public static AuditScope Organization(Guid organizationId) => new(null, organizationId);
    public static readonly AuditScope Platform = new(null, null);
}

/// <summary>The reader's filters: an action prefix (<c>auth.</c>, <c>auth.sign_in</c>) and a time range [from, to).</summary>
public sealed record AuditFilter(string? Action, DateTime? From, DateTime? To)
{
    public static readonly AuditFilter None = new(null, null, null);

    /// <summary>Validates the query strings (400 naming the faulty field); times are ISO 8601, UTC unless they say otherwise.</summary>
    public static AuditFilter Parse(string? action, string? from, string? to)
    {
        var v = new Validation();
        if (!string.IsNullOrEmpty(action) && (action.Length > 64 || !action.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_' or '.')))
            v.Add("action", "must be an action code or its beginning (lower-case letters, digits, '_' and '.'), e.g. 'auth.'.");
        var f = ParseTime(v, "from", from);
        var t = ParseTime(v, "to", to);
        if (f is not null && t is not null && t <= f) v.Add("to", "must be after 'from'.");
        v.ThrowIfAny();
        return new AuditFilter(string.IsNullOrEmpty(action) ? null : action, f, t);
    }

    private static DateTime? ParseTime(Validation v, string field, string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)) return parsed.UtcDateTime;
        v.Add(field, "must be a date or time in ISO 8601 form, e.g. 2026-01-31 or 2026-01-31T12:00:00Z.");
        return null;
    }
}

/// <summary>Reads the trail newest first with keyset pagination on the time-ordered ids; the caller has already checked who may read the scope.</summary>
public sealed class AuditReader(EnclaveDb db)
{
    public const string FormerMember = "Former member";

    public IQueryable<AuditEntry> Query(AuditScope scope, AuditFilter filter)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (scope.UserId is { } userId) query = query.Where(e => e.SubjectUserId == userId || e.ActorId == userId);
        if (scope.OrganizationId is { } organizationId) query = query.Where(e => e.OrganizationId == organizationId);
        if (filter.Action is { } prefix) query = query.Where(e => e.Action.StartsWith(prefix));
        if (filter.From is { } from) query = query.Where(e => e.At >= from);
        if (filter.To is { } to) query = query.Where(e => e.At < to);
        return query;
    }

    public async Task<Page<AuditEntryView>> PageAsync(AuditScope scope, AuditFilter filter, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var page = await Query(scope, filter).ToPageAsync(e => e.Id, cursor, limit, e => e, cancellationToken, descending: true);
        return new Page<AuditEntryView>(await ViewsAsync(page.Items, cancellationToken), page.NextCursor);
    }

    /// <summary>Names for a batch of entries, in one query whatever its size.</summary>
    public async Task<List<AuditEntryView>> ViewsAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        var ids = entries.SelectMany(e => new[] { e.ActorId, e.SubjectUserId }).OfType<Guid>().Distinct().ToList();
        // A closed account (in its grace period, or an anonymized tombstone) reads as a former member too.
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.ClosedAt == null)
            .Select(u => new { u.Id, u.FirstName, u.LastName }).ToDictionaryAsync(u => u.Id, u => $"{u.FirstName} {u.LastName}".Trim(), cancellationToken);
        string? NameOf(Guid? id) => id is { } i ? names.GetValueOrDefault(i) ?? FormerMember : null;
        return entries.Select(e => new AuditEntryView(e.Id, e.At, e.Action, e.ActorId, NameOf(e.ActorId), e.SubjectUserId, NameOf(e.SubjectUserId),
            e.OrganizationId, e.SphereId, e.TargetType, e.TargetId, e.Ip, e.Detail)).ToList();
    }
}

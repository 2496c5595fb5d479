using Enclave.Server.Data;

namespace Enclave.Server.Audit;

/// <summary>What an audit entry is about; all optional, set what applies.</summary>
public readonly record struct AuditTarget(
    Guid? SubjectUserId = null, Guid? OrganizationId = null, Guid? SphereId = null,
    string? TargetType = null, Guid? TargetId = null, string? Detail = null);

/// <summary>
/// Writes audit entries. <see cref="Record"/> only adds the row to the unit of work, so the
/// entry commits in the same <c>SaveChanges</c> as the action it describes: no action without
/// its entry, no entry for an action that rolled back. <see cref="WriteAsync"/> saves at once,
/// for actions that write nothing else (a failed sign-in, a download).
/// </summary>
public sealed class AuditLog(EnclaveDb db, TimeProvider clock, IHttpContextAccessor http)
{
    public AuditEntry Record(string action, Guid? actorId, AuditTarget target = default)
    {
        var entry = new AuditEntry
        {
            Id = Ids.New(),
            At = clock.GetUtcNow().UtcDateTime,
            Action = action,
            ActorId = actorId,
            SubjectUserId = target.SubjectUserId,
            OrganizationId = target.OrganizationId,
            SphereId = target.SphereId,
            TargetType = target.TargetType,
            TargetId = target.TargetId,
            Detail = target.Detail is { Length: > 500 } d ? d[..500] : target.Detail,
            Ip = http.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? "",
        };
        db.AuditEntries.Add(entry);
        return entry;
    }

    public async Task WriteAsync(string action, Guid? actorId, AuditTarget target, CancellationToken cancellationToken)
    {
        Record(action, actorId, target);
        await db.SaveChangesAsync(cancellationToken);
    }
}

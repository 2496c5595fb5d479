using Enclave.Server.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Accounts.TwoFactor;

/// <summary>
/// Closing an account deletes the authenticator secret and every recovery code, whichever the
/// closing choice (they identify nobody's public messages). The export says whether and since
/// when two-factor sign-in is on and how many recovery codes are left, never the secret or the codes.
/// </summary>
public sealed class TwoFactorPersonalData : IPersonalDataEraser, IPersonalDataExporter
{
    public async Task EraseAsync(PersonalDataErasure erasure, CancellationToken cancellationToken)
    {
        var userId = erasure.UserId;
        await erasure.Db.RecoveryCodes.Where(r => r.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await erasure.Db.TwoFactorCredentials.Where(c => c.UserId == userId).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task ExportAsync(PersonalDataExport export, CancellationToken cancellationToken)
    {
        var userId = export.UserId;
        var credential = await export.Db.TwoFactorCredentials.AsNoTracking().Where(c => c.UserId == userId)
            .Select(c => new { c.CreatedAt, c.EnabledAt }).FirstOrDefaultAsync(cancellationToken);
        var codes = await export.Db.RecoveryCodes.AsNoTracking().Where(r => r.UserId == userId)
            .Select(r => new { r.CreatedAt, r.UsedAt }).ToListAsync(cancellationToken);
        await export.Archive.AddJsonAsync("security/two-factor.json", new
        {
            enabled = credential?.EnabledAt is not null,
            enabledSince = credential?.EnabledAt,
            setupStartedAt = credential?.CreatedAt,
            recoveryCodesLeft = codes.Count(c => c.UsedAt is null),
            recoveryCodesUsedAt = codes.Where(c => c.UsedAt is not null).Select(c => c.UsedAt).ToList(),
        }, cancellationToken);
    }
}

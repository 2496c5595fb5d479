using Enclave.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Spheres;

public static class SphereLocks
{
    /// <summary>
    /// Serializes changes to one sphere's administrators. Called first inside a transaction, this
    /// no-op update holds the sphere row's lock (PostgreSQL) or the write lock (SQLite) until commit,
    /// so two administrators stepping down at once cannot both see "another administrator remains".
    /// </summary>
    public static Task LockSphereAsync(this EnclaveDb db, Guid sphereId, CancellationToken cancellationToken) =>
        db.Spheres.Where(s => s.Id == sphereId).ExecuteUpdateAsync(s => s.SetProperty(x => x.CharterVersion, x => x.CharterVersion), cancellationToken);
}

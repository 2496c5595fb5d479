using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Enclave.Server.Data;

/// <summary>
/// SQLite needs a few pragmas on every connection: foreign keys are off by default, and a
/// busy timeout lets concurrent writers wait for the single write lock instead of failing.
/// WAL is persistent and set once by <see cref="DataServiceCollectionExtensions"/>.
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000; PRAGMA synchronous=NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

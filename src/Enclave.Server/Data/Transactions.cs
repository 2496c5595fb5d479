namespace Enclave.Server.Data;

public static class Transactions
{
    /// <summary>
    /// Runs a write that touches several rows (or mixes tracked changes with set-based updates)
    /// as one transaction, so a failure leaves nothing half-done.
    /// </summary>
    public static async Task<T> InTransactionAsync<T>(this EnclaveDb db, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            var nested = await work();
            await db.SaveChangesAsync(cancellationToken);
            return nested;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await work();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public static Task InTransactionAsync(this EnclaveDb db, Func<Task> work, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async () => { await work(); return true; }, cancellationToken);
}

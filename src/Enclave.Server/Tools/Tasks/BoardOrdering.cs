using Enclave.Server.Data;
using Enclave.Server.Web;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Tasks;

/// <summary>
/// Keeps the order of columns and cards total under concurrent changes, settled by the database:
/// every change of a board's layout runs in one transaction that first bumps the board's
/// <see cref="TaskBoard.Revision"/> (a conditional update, so concurrent writers of one board wait
/// for each other on both engines), then rewrites dense positions; the unique indexes on
/// (column, position) and (board, position) refuse any duplicate place, and a refused or deadlocked
/// attempt is retried from scratch.
/// </summary>
public static class BoardOrdering
{
    private const int Attempts = 6;

    public static async Task<T> WithBoardLockAsync<T>(EnclaveDb db, Guid boardId, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await db.InTransactionAsync(async () =>
                {
                    var locked = await db.Set<TaskBoard>().Where(b => b.Id == boardId)
                        .ExecuteUpdateAsync(s => s.SetProperty(b => b.Revision, b => b.Revision + 1), cancellationToken);
                    if (locked == 0) throw ProblemException.NotFound("board");
                    return await work();
                }, cancellationToken);
            }
            catch (Exception e) when (attempt < Attempts && IsConflict(e))
            {
                db.ChangeTracker.Clear();
                await Task.Delay(Random.Shared.Next(5, 30) * attempt, cancellationToken);
            }
        }
    }

    /// <summary>A unique-index refusal, a deadlock, a serialization failure or SQLite's busy lock: worth another attempt.</summary>
    private static bool IsConflict(Exception e) => e switch
    {
        DbUpdateException => true,
        Npgsql.PostgresException p => p.SqlState is "23505" or "40001" or "40P01",
        Microsoft.Data.Sqlite.SqliteException s => s.SqliteErrorCode is 5 or 6 or 19,
        InvalidOperationException { InnerException: { } inner } => IsConflict(inner),
        _ => false,
    };

    /// <summary>Cards at positions <paramref name="from"/>..<paramref name="to"/> of a column move by <paramref name="delta"/>,
    /// through negative positions so that no statement ever puts two cards at one place (both engines check per row).</summary>
    public static async Task ShiftCardsAsync(EnclaveDb db, Guid columnId, int from, int to, int delta, CancellationToken cancellationToken)
    {
        if (from > to) return;
        await db.Set<TaskCard>().Where(c => c.ColumnId == columnId && c.Position >= from && c.Position <= to)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Position, c => -(c.Position + 2)), cancellationToken);
        await db.Set<TaskCard>().Where(c => c.ColumnId == columnId && c.Position <= -2)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Position, c => -c.Position - 2 + delta), cancellationToken);
    }

    public static async Task ShiftColumnsAsync(EnclaveDb db, Guid boardId, int from, int to, int delta, CancellationToken cancellationToken)
    {
        if (from > to) return;
        await db.Set<TaskColumn>().Where(c => c.BoardId == boardId && c.Position >= from && c.Position <= to)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Position, c => -(c.Position + 2)), cancellationToken);
        await db.Set<TaskColumn>().Where(c => c.BoardId == boardId && c.Position <= -2)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Position, c => -c.Position - 2 + delta), cancellationToken);
    }

    /// <summary>Moves one card to <paramref name="index"/> of <paramref name="columnId"/> (clamped to the column); call under the board's lock.</summary>
    public static async Task<int> MoveCardAsync(EnclaveDb db, TaskCard card, Guid columnId, int? index, CancellationToken cancellationToken)
    {
        var cards = db.Set<TaskCard>();
        var others = await cards.CountAsync(c => c.ColumnId == columnId && c.Id != card.Id, cancellationToken);
        var target = Math.Clamp(index ?? others, 0, others);
        if (card.ColumnId == columnId && card.Position == target) return target;
        // Parked at -1 (free: shifted rows pass through -2 and below) while the others make room.
        await cards.Where(c => c.Id == card.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Position, -1), cancellationToken);
        if (card.ColumnId == columnId)
        {
            if (card.Position < target) await ShiftCardsAsync(db, columnId, card.Position + 1, target, -1, cancellationToken);
            else await ShiftCardsAsync(db, columnId, target, card.Position - 1, +1, cancellationToken);
        }
        else
        {
            await ShiftCardsAsync(db, card.ColumnId, card.Position + 1, int.MaxValue - 2, -1, cancellationToken);
            await ShiftCardsAsync(db, columnId, target, int.MaxValue - 2, +1, cancellationToken);
        }
        await cards.Where(c => c.Id == card.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ColumnId, columnId).SetProperty(c => c.Position, target), cancellationToken);
        return target;
    }
}

using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Web;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Tasks;

/// <summary>
/// The gated lookups of the kanban: each loads the row, then asks the gate with the row's own
/// sphere (never a sphere id from the request), and answers 404 naming the item otherwise.
/// </summary>
public static class TaskAccess
{
    public static BoardPermissions Permissions(SphereAccess access) => new(access.CanPost, access.CanUseTools);

    public static async Task<(SphereAccess Access, TaskBoard Board)> BoardAsync(Viewer viewer, Guid boardId, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        var board = await db.Set<TaskBoard>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == boardId, cancellationToken) ?? throw ProblemException.NotFound("board");
        return (await gate.ToolSphereAsync(viewer, board.SphereId, "board", cancellationToken), board);
    }

    public static async Task<(SphereAccess Access, TaskCard Card)> CardAsync(Viewer viewer, Guid cardId, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        var card = await db.Set<TaskCard>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == cardId, cancellationToken) ?? throw ProblemException.NotFound("card");
        return (await gate.ToolSphereAsync(viewer, card.SphereId, "card", cancellationToken), card);
    }

    /// <summary>A card the viewer works with (edit, move, check, assign): members past the charters, 403 for mere readers.</summary>
    public static async Task<(SphereAccess Access, TaskCard Card)> EditableCardAsync(Viewer viewer, Guid cardId, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        var (access, card) = await CardAsync(viewer, cardId, gate, db, cancellationToken);
        RequireCardWork(access);
        return (access, card);
    }

    /// <summary>A board the viewer manages (rename, columns, delete): the sphere's publishing rules.</summary>
    public static async Task<(SphereAccess Access, TaskBoard Board)> ManagedBoardAsync(Viewer viewer, Guid boardId, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        var (access, board) = await BoardAsync(viewer, boardId, gate, db, cancellationToken);
        RequireManage(access);
        return (access, board);
    }

    public static void RequireCardWork(SphereAccess access)
    {
        if (!access.CanUseTools) throw ProblemException.Forbidden("members_only", "Only the sphere's members take part here.");
    }

    public static void RequireManage(SphereAccess access)
    {
        if (!access.CanPost) throw ProblemException.Forbidden("cannot_manage_board", "Only those who publish in the sphere manage its boards.");
    }
}

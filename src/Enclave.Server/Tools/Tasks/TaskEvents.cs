using Enclave.Server.Live;
using Enclave.Server.Notifications;

namespace Enclave.Server.Tools.Tasks;

/// <summary>
/// Announces kanban changes after they are saved: one live event <c>tasks.changed</c> for the
/// sphere's readers (the gate filters recipients at delivery; the event carries ids only), and
/// <see cref="NotificationKind.TaskAssigned"/> for people newly assigned.
/// </summary>
public sealed class TaskEvents(LivePublisher live, Notifier notifier)
{
    public const string Changed = "tasks.changed";

    public Task ChangedAsync(Guid organizationId, Guid sphereId, Guid boardId, Guid? cardId, Guid actorId, CancellationToken cancellationToken) =>
        live.SphereEventAsync(Changed, organizationId, sphereId, new { boardId, cardId, actorId }, null, cancellationToken);

    public Task AssignedAsync(TaskCard card, IReadOnlyCollection<Guid> added, Guid actorId, CancellationToken cancellationToken) =>
        added.Count == 0 ? Task.CompletedTask :
        notifier.NotifyAsync(added, NotificationKind.TaskAssigned, actorId, card.OrganizationId, card.SphereId, null, null, card.Id, cancellationToken);
}

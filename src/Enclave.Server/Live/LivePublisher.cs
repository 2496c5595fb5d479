using System.Text.Json;
using Enclave.Server.Data;

namespace Enclave.Server.Live;

/// <summary>Stores a live event and signals every node. Call it after the change it describes is saved.</summary>
public sealed class LivePublisher(EnclaveDb db, IEventBus bus, TimeProvider clock, ILogger<LivePublisher> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>An event about sphere content, for the sphere's readers (or only <paramref name="audience"/> for private content).</summary>
    public Task SphereEventAsync(string type, Guid organizationId, Guid sphereId, object data, IReadOnlyCollection<Guid>? audience, CancellationToken cancellationToken, bool staffOnly = false, Guid? alsoUser = null) =>
        PublishAsync(new LiveEvent
        {
            Id = LiveEventIds.Next(), Type = type, OrganizationId = organizationId, SphereId = sphereId, UserId = alsoUser, StaffOnly = staffOnly,
            Audience = audience is null ? null : string.Join(',', audience), Data = JsonSerializer.Serialize(data, Json),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        }, cancellationToken);

    /// <summary>An event for one person (a notification, their read markers moving on another device).</summary>
    public Task UserEventAsync(string type, Guid userId, object data, CancellationToken cancellationToken, Guid? sphereId = null) =>
        PublishAsync(new LiveEvent
        {
            Id = LiveEventIds.Next(), Type = type, UserId = userId, SphereId = sphereId, Data = JsonSerializer.Serialize(data, Json),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        }, cancellationToken);

    private async Task PublishAsync(LiveEvent liveEvent, CancellationToken cancellationToken)
    {
        try
        {
            db.LiveEvents.Add(liveEvent);
            await db.SaveChangesAsync(cancellationToken);
            await bus.SignalAsync(liveEvent.Id, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The change itself is saved; a lost live event only means clients refresh instead of being told.
            logger.LogWarning(e, "Could not publish live event {Type}", liveEvent.Type);
        }
    }
}

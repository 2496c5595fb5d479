using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Notifications.Delivery;

/// <summary>One kind's channels as asked: null inherits (from the organization, the account, or the default).</summary>
public sealed record ChannelChoice(EventKind? Kind, bool? InApp, bool? Email);

public sealed record ChannelsRequest(List<ChannelChoice>? Channels);

/// <summary>What this scope says (<c>inApp</c>/<c>email</c>, null inherits) and what applies (<c>effective…</c>).</summary>
public sealed record ChannelView(EventKind Kind, bool? InApp, bool? Email, bool EffectiveInApp, bool EffectiveEmail);

public sealed record ChannelsResponse(PreferenceScope Scope, Guid? ScopeId, List<ChannelView> Channels);

/// <summary>Which channels each kind of event uses, for the account, an organization, or a sphere.</summary>
public static class ChannelEndpoints
{
    public static void MapNotificationChannels(this RouteGroupBuilder api)
    {
        api.MapGet("/me/notification-channels", (Viewer v, EnclaveDb db, CancellationToken ct) => GetAsync(db, v.Id, PreferenceScope.Account, null, null, ct)).WithTags("Notifications");
        api.MapPut("/me/notification-channels", (ChannelsRequest r, Viewer v, EnclaveDb db, CancellationToken ct) => SetAsync(db, v.Id, PreferenceScope.Account, null, null, r, ct)).WithTags("Notifications");
        api.MapGet("/organizations/{id:guid}/notification-channels", GetForOrganization).WithTags("Notifications");
        api.MapPut("/organizations/{id:guid}/notification-channels", SetForOrganization).WithTags("Notifications");
        api.MapGet("/spheres/{id:guid}/notification-channels", GetForSphere).WithTags("Notifications");
        api.MapPut("/spheres/{id:guid}/notification-channels", SetForSphere).WithTags("Notifications");
    }

    internal static async Task<Guid> MemberOrganizationAsync(AccessGate gate, Viewer viewer, Guid id, CancellationToken ct)
    {
        var access = await gate.OrganizationAsync(viewer, id, ct);
        if (access.Role is null || access.Organization.IsPersonal) throw ProblemException.NotFound("organization");
        return id;
    }

    private static async Task<Guid> MemberSphereOrganizationAsync(AccessGate gate, Viewer viewer, Guid id, CancellationToken ct)
    {
        var access = await gate.SphereAsync(viewer, id, ct);
        if (!access.IsMember) throw ProblemException.NotFound("sphere");
        return access.Sphere.OrganizationId;
    }

    internal static async Task<Ok<ChannelsResponse>> GetForOrganization(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken ct) =>
        await GetAsync(db, viewer.Id, PreferenceScope.Organization, await MemberOrganizationAsync(gate, viewer, id, ct), id, ct);

    internal static async Task<Ok<ChannelsResponse>> SetForOrganization(Guid id, ChannelsRequest request, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken ct)
    {
        Validate(request);
        return await SetAsync(db, viewer.Id, PreferenceScope.Organization, await MemberOrganizationAsync(gate, viewer, id, ct), id, request, ct);
    }

    internal static async Task<Ok<ChannelsResponse>> GetForSphere(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken ct) =>
        await GetAsync(db, viewer.Id, PreferenceScope.Sphere, await MemberSphereOrganizationAsync(gate, viewer, id, ct), id, ct);

    internal static async Task<Ok<ChannelsResponse>> SetForSphere(Guid id, ChannelsRequest request, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken ct)
    {
        Validate(request);
        return await SetAsync(db, viewer.Id, PreferenceScope.Sphere, await MemberSphereOrganizationAsync(gate, viewer, id, ct), id, request, ct);
    }

    private static void Validate(ChannelsRequest request)
    {
        var v = new Validation();
        if (request.Channels is null) v.Add("channels", "is required.");
        var seen = new HashSet<EventKind>();
        for (var i = 0; i < (request.Channels?.Count ?? 0); i++)
        {
            var kind = request.Channels![i]?.Kind;
            if (kind is null) v.Add($"channels[{i}].kind", "is required.");
            else if (!seen.Add(kind.Value)) v.Add($"channels[{i}].kind", "appears twice.");
        }
        v.ThrowIfAny();
    }

    /// <summary>The scope's rows and the effective channels. <paramref name="organizationId"/> comes from the gate.</summary>
    internal static async Task<Ok<ChannelsResponse>> GetAsync(EnclaveDb db, Guid userId, PreferenceScope scope, Guid? organizationId, Guid? scopeId, CancellationToken ct)
    {
        var scopes = new[] { Guid.Empty, organizationId ?? Guid.Empty, scope == PreferenceScope.Sphere ? scopeId!.Value : Guid.Empty };
        var rows = await db.Set<NotificationPreference>().AsNoTracking().Where(p => p.UserId == userId && scopes.Contains(p.ScopeId)).ToListAsync(ct);
        NotificationLevel? level = scope == PreferenceScope.Sphere
            ? await db.NotificationSettings.AsNoTracking().Where(s => s.SphereId == scopeId && s.UserId == userId).Select(s => (NotificationLevel?)s.Level).FirstOrDefaultAsync(ct)
            : null;
        var views = Enum.GetValues<EventKind>().Select(kind =>
        {
            NotificationPreference? At(PreferenceScope s) => rows.FirstOrDefault(r => r.Kind == kind && r.Scope == s);
            var own = At(scope);
            var effective = Preferences.Resolve(kind, At(PreferenceScope.Sphere), level, At(PreferenceScope.Organization), At(PreferenceScope.Account));
            return new ChannelView(kind, own?.InApp, own?.Email, effective.InApp, effective.Email);
        }).ToList();
        return TypedResults.Ok(new ChannelsResponse(scope, scopeId, views));
    }

    internal static async Task<Ok<ChannelsResponse>> SetAsync(EnclaveDb db, Guid userId, PreferenceScope scope, Guid? organizationId, Guid? scopeId, ChannelsRequest request, CancellationToken ct,
        bool firstAttempt = true)
    {
        Validate(request);
        var key = scopeId ?? Guid.Empty;
        var rows = await db.Set<NotificationPreference>().Where(p => p.UserId == userId && p.ScopeId == key).ToDictionaryAsync(p => p.Kind, ct);
        foreach (var choice in request.Channels!)
        {
            var kind = choice.Kind!.Value;
            if (!rows.TryGetValue(kind, out var row))
                db.Add(rows[kind] = row = new NotificationPreference { Id = Ids.New(), UserId = userId, Scope = scope, ScopeId = key, OrganizationId = organizationId, Kind = kind });
            row.InApp = choice.InApp;
            row.Email = choice.Email;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (firstAttempt)
        {
            // Two first saves of the same scope raced and the unique index kept the other's rows:
            // start again from what is stored now, so the later request's choices win.
            db.ChangeTracker.Clear();
            return await SetAsync(db, userId, scope, organizationId, scopeId, request, ct, firstAttempt: false);
        }
        return await GetAsync(db, userId, scope, organizationId, scopeId, ct);
    }
}

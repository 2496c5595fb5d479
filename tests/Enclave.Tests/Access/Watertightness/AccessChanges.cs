using Enclave.Server.Data;
using Enclave.Server.Organizations;
using Enclave.Server.Spheres;
using Enclave.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.Tests.Access.Watertightness;

/// <summary>
/// Changes the personas' access after their home feeds filled the server's readable-sphere cache
/// (Enclave.Server.Access.ReadableSphereCache): one change each, straight in the database as no
/// application path would make it, and the same change in the model, so that the oracle's answers
/// after it are the truth the next reads must tell. Persona i gets change i % 3, or the next that
/// applies to them: a sphere row removed, a charter acceptance removed, a sphere row added.
/// </summary>
public static class AccessChanges
{
    public static IEnumerable<string> Required() =>
        ["access change: sphere row removed", "access change: charter acceptance removed", "access change: sphere row added"];

    public static async Task ApplyAsync(EnclaveApp app, WorldModel w, Probe probe, IReadOnlyList<Persona> personas, Random rng)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EnclaveDb>();
        var people = personas.Where(p => p.UserId is not null && p.Label != "platform admin").Select(p => p.UserId!.Value).Distinct().ToList();
        for (var i = 0; i < people.Count; i++)
        {
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var applied = ((i + attempt) % 3) switch
                {
                    0 => await RemoveSphereRowAsync(db, w, people[i], rng),
                    1 => await RemoveAcceptanceAsync(db, w, people[i], rng),
                    _ => await AddSphereRowAsync(db, w, people[i], rng),
                };
                if (applied is null) continue;
                probe.Cover(applied);
                break;
            }
        }
    }

    private static async Task<string?> RemoveSphereRowAsync(EnclaveDb db, WorldModel w, Guid user, Random rng)
    {
        // Rows left behind on purpose (ghost rows) stay: other checks are about them.
        var rows = w.SphereRows.Keys.Where(k => k.User == user && !w.GhostRows.Contains(k)).OrderBy(k => k.Sphere).ToList();
        if (rows.Count == 0) return null;
        var row = rows[rng.Next(rows.Count)];
        var deleted = await db.SphereMembers.Where(m => m.SphereId == row.Sphere && m.UserId == user).ExecuteDeleteAsync();
        if (deleted != 1) throw new InvalidOperationException($"Expected one sphere row of {user} in {row.Sphere}, deleted {deleted}.");
        w.SphereRows.Remove(row);
        return "access change: sphere row removed";
    }

    private static async Task<string?> RemoveAcceptanceAsync(EnclaveDb db, WorldModel w, Guid user, Random rng)
    {
        var accepted = w.Acceptances.Where(a => a.UserId == user).OrderBy(a => a.OrganizationId).ThenBy(a => a.SphereId).ThenBy(a => a.Version).ToList();
        if (accepted.Count == 0) return null;
        var a = accepted[rng.Next(accepted.Count)];
        var deleted = await db.CharterAcceptances.Where(c => c.UserId == user && c.OrganizationId == a.OrganizationId && c.SphereId == a.SphereId && c.Version == a.Version)
            .ExecuteDeleteAsync();
        if (deleted != 1) throw new InvalidOperationException($"Expected one charter acceptance of {user}, deleted {deleted}.");
        w.Acceptances.Remove(a);
        return "access change: charter acceptance removed";
    }

    private static async Task<string?> AddSphereRowAsync(EnclaveDb db, WorldModel w, Guid user, Random rng)
    {
        var insider = w.OrganizationRoles.Where(kv => kv.Key.User == user && kv.Value is OrganizationRole.Manager or OrganizationRole.Member)
            .Select(kv => kv.Key.Organization).ToHashSet();
        var candidates = w.Spheres.Where(s => insider.Contains(s.OrganizationId) && s.Type != SphereType.Global && !w.SphereRows.ContainsKey((s.Id, user)))
            .OrderBy(s => s.Id).ToList();
        if (candidates.Count == 0) return null;
        var sphere = candidates[rng.Next(candidates.Count)];
        db.SphereMembers.Add(new SphereMember
        {
            Id = Ids.New(), OrganizationId = sphere.OrganizationId, SphereId = sphere.Id, UserId = user, Role = SphereRole.Member, JoinedAt = w.Now,
        });
        await db.SaveChangesAsync();
        w.SphereRows[(sphere.Id, user)] = SphereRole.Member;
        return "access change: sphere row added";
    }
}

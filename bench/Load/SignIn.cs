using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Enclave.Bench.Load;

/// <summary>
/// Signs the virtual users in through the normal API (<c>POST /api/v1/auth/login</c>) and reads
/// their spheres. Password hashing is deliberately slow (that is its job), so the tokens can be
/// kept in a cache file between runs on the same world; a cached token that no longer works is
/// replaced by a fresh sign-in.
/// </summary>
public static class SignIn
{
    public static async Task<List<VirtualUser>> AllAsync(Options options, Api api, CancellationToken cancellationToken)
    {
        var users = Enumerable.Range(0, options.VirtualUsers).Select(i =>
        {
            // Spread over the whole world, deterministically: user000001 and every k-th person after.
            var number = 1 + (int)((long)i * options.WorldUsers / options.VirtualUsers);
            return new VirtualUser($"user{number.ToString("D6", CultureInfo.InvariantCulture)}", i % options.Urls.Count);
        }).ToList();
        var cache = ReadCache(options.TokenCache);
        var clock = Stopwatch.StartNew();
        long fresh = 0, done = 0;
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (user, ct) =>
        {
            var baseUrl = options.Urls[user.Instance];
            if (cache.TryGetValue(user.UserName, out var cached)) (user.Id, user.Token) = cached;
            if (user.Token.Length == 0 || !await LoadSpheresAsync(api, baseUrl, user, ct))
            {
                await LoginAsync(api, baseUrl, user, options.Password, ct);
                Interlocked.Increment(ref fresh);
                if (!await LoadSpheresAsync(api, baseUrl, user, ct)) throw new InvalidOperationException($"{user.UserName}: cannot list spheres after signing in");
            }
            var n = Interlocked.Increment(ref done);
            if (n % 1000 == 0) Console.Error.WriteLine($"  signed in {n:N0}/{users.Count:N0} ({n / clock.Elapsed.TotalSeconds:N0}/s)");
        });
        Console.Error.WriteLine($"  {users.Count:N0} virtual users ready in {clock.Elapsed.TotalSeconds:N1} s ({fresh:N0} fresh sign-ins, {users.Count - fresh:N0} cached tokens)");
        WriteCache(options.TokenCache, users);
        return users;
    }

    private static async Task LoginAsync(Api api, Uri baseUrl, VirtualUser user, string password, CancellationToken ct)
    {
        var (reply, error) = await api.SendAsync(HttpMethod.Post, new Uri(baseUrl, "api/v1/auth/login"), null,
            new { login = user.UserName, password, mode = "token" }, ct);
        if (reply is null || !reply.Ok)
            throw new InvalidOperationException($"{user.UserName}: sign-in failed ({error}): {(reply is null ? "" : System.Text.Encoding.UTF8.GetString(reply.Body))}. Is the world seeded with this password, and RateLimits__LoginPerMinute raised?");
        using var json = reply.Json();
        user.Token = json.RootElement.GetProperty("token").GetString()!;
        user.Id = json.RootElement.GetProperty("user").GetProperty("id").GetGuid();
    }

    /// <summary>The spheres the person is a member of (implicit global spheres included), all pages.</summary>
    private static async Task<bool> LoadSpheresAsync(Api api, Uri baseUrl, VirtualUser user, CancellationToken ct)
    {
        var spheres = new List<SphereInfo>();
        string? cursor = null;
        for (var page = 0; page < 20; page++)
        {
            var path = "api/v1/spheres?limit=100" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var (reply, _) = await api.SendAsync(HttpMethod.Get, new Uri(baseUrl, path), user.Token, null, ct);
            if (reply?.Status == HttpStatusCode.Unauthorized) return false;
            if (reply is null || !reply.Ok) throw new InvalidOperationException($"{user.UserName}: GET {path} failed ({reply?.Status})");
            using var json = reply.Json();
            foreach (var s in json.RootElement.GetProperty("items").EnumerateArray())
                spheres.Add(new SphereInfo(s.GetProperty("id").GetGuid(), s.GetProperty("organizationId").GetGuid(),
                    s.GetProperty("type").GetString()!.ToLowerInvariant(),
                    s.TryGetProperty("myRole", out var role) && role.ValueKind == System.Text.Json.JsonValueKind.String ? role.GetString()!.ToLowerInvariant() : null));
            cursor = json.RootElement.TryGetProperty("nextCursor", out var next) && next.ValueKind == System.Text.Json.JsonValueKind.String ? next.GetString() : null;
            if (cursor is null) break;
        }
        user.Spheres = spheres;
        user.Postable = spheres.Where(s => s.CanPost).ToList();
        return true;
    }

    private static Dictionary<string, (Guid, string)> ReadCache(string? path)
    {
        var cache = new Dictionary<string, (Guid, string)>(StringComparer.Ordinal);
        if (path is null || !File.Exists(path)) return cache;
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split('\t');
            if (parts.Length == 3 && Guid.TryParse(parts[1], out var id)) cache[parts[0]] = (id, parts[2]);
        }
        return cache;
    }

    private static void WriteCache(string? path, List<VirtualUser> users)
    {
        if (path is null) return;
        var existing = ReadCache(path);
        foreach (var u in users) existing[u.UserName] = (u.Id, u.Token);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllLines(path, existing.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}\t{p.Value.Item1}\t{p.Value.Item2}"));
        // The tokens are live credentials of a benchmark world: owner-only.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}

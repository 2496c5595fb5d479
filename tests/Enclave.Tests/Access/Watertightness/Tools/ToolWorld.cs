using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Enclave.Server.Spheres;
using Enclave.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Enclave.Tests.Access.Watertightness.Tools;

/// <summary>
/// What a tool probe works with: the random world, the oracle, the spheres chosen to hold tool
/// content, clients signed in as any person of the world, and checks that record disagreements
/// with the oracle on the shared <see cref="Probe"/>.
/// </summary>
public sealed class ToolWorld : IDisposable
{
    private readonly EnclaveApp _app;
    private readonly ConcurrentDictionary<Guid, HttpClient> _clients = new();
    private readonly HttpClient _anonymous;

    public ToolWorld(EnclaveApp app, Probe probe, Oracle oracle, int seed)
    {
        _app = app;
        Probe = probe;
        Oracle = oracle;
        Seed = seed;
        _anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var rng = new Random(seed);
        // Spheres of every type with at least one member who publishes there; the readers of each
        // differ (charters pending, visitors, stale rows, verified-only), which is what the checks are for.
        var writable = W.Spheres.Where(s => Writers(s).Count > 0).OrderBy(_ => rng.Next()).ToList();
        Spheres = writable.GroupBy(s => s.Type).SelectMany(g => g.Take(2))
            .Concat(writable.Where(s => s.VerifiedOnly).Take(1))
            .Concat(writable.Where(s => s.Charter is not null).Take(1))
            .DistinctBy(s => s.Id).ToList();
    }

    public Probe Probe { get; }
    public Oracle Oracle { get; }
    public WorldModel W => Oracle.World;
    public int Seed { get; }

    /// <summary>The spheres that hold tool content: every type, a verified-only one and one with a charter when the world has them.</summary>
    public IReadOnlyList<ModelSphere> Spheres { get; }

    /// <summary>Other spheres of the world, for checking that lists there stay empty of the content seeded elsewhere.</summary>
    public IEnumerable<ModelSphere> OtherSpheres => W.Spheres.Where(s => Spheres.All(x => x.Id != s.Id));

    /// <summary>People who read the sphere as members and may publish there (tools' creators), in a stable order.</summary>
    public List<Guid> Writers(ModelSphere s) =>
        W.Users.Select(u => u.Id).Where(u => Oracle.Sphere(u, s) is { CanPost: true, CanComment: true }).OrderBy(u => u).ToList();

    /// <summary>People who take part with the sphere's tools (vote, answer, chat): members past the charters, visitors included.</summary>
    public List<Guid> Participants(ModelSphere s) => W.Users.Select(u => u.Id).Where(u => Participates(u, s)).OrderBy(u => u).ToList();

    /// <summary>Reads the sphere's tool content: what the server's <c>SphereAccess.CanRead</c> should be.</summary>
    public bool Reads(Guid? viewer, ModelSphere s) => Oracle.Sphere(viewer, s).CanRead;

    /// <summary>Takes part with the sphere's tools: what <c>SphereAccess.CanUseTools</c> should be.</summary>
    public bool Participates(Guid? viewer, ModelSphere s) => Oracle.ReadsAsMember(viewer, s);

    public bool IsStaff(Guid? viewer, ModelSphere s) => Oracle.ActsAsStaff(viewer, s);

    /// <summary>A client signed in as this person (their session secret as bearer).</summary>
    public HttpClient As(Guid? user) => user is not { } id ? _anonymous : _clients.GetOrAdd(id, u =>
    {
        var http = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", W.User(u).Secret);
        return http;
    });

    /// <summary>A JSON write as this person; anything but 2xx is recorded as a failure (seeding must succeed) and yields null.</summary>
    public async Task<JsonNode?> WriteAsync(Guid actor, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: Api.Json) };
        return await SendAsync(actor, request);
    }

    /// <summary>A multipart upload (field <c>file</c>) as this person; non-2xx is a failure.</summary>
    public async Task<JsonNode?> UploadAsync(Guid actor, string path, byte[] content, string fileName, string contentType)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "file", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = form };
        return await SendAsync(actor, request);
    }

    private async Task<JsonNode?> SendAsync(Guid actor, HttpRequestMessage request)
    {
        using var response = await As(actor).SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.IsSuccessStatusCode) return string.IsNullOrEmpty(text) ? new JsonObject() : JsonNode.Parse(text);
        Probe.Fail(new Persona("tool seeder", actor), "-", $"({request.Method}) {request.RequestUri}", "2xx", $"{(int)response.StatusCode} {text[..Math.Min(300, text.Length)]}");
        return null;
    }

    /// <summary>A JSON item: 200 when <paramref name="visible"/>, else 404; covers <c>"{what} {status}"</c>. Returns the body on an expected 200.</summary>
    public Task<JsonNode?> ItemAsync(Persona viewer, string what, string target, string path, bool visible)
    {
        var status = visible ? 200 : 404;
        Probe.Cover($"{what} {status}");
        return Probe.StatusAsync(viewer, target, path, status);
    }

    /// <summary>
    /// A paginated JSON list (<c>items</c>, <c>nextCursor</c>): 200 with exactly <paramref name="expected"/> over all pages
    /// when <paramref name="visible"/>, else 404. Covers <c>"{what} {status}"</c>.
    /// </summary>
    public Task ListAsync(Persona viewer, string what, string target, string path, bool visible, IReadOnlySet<Guid> expected, int limit = 50,
        Func<JsonNode, Guid>? idOf = null)
    {
        var status = visible ? 200 : 404;
        Probe.Cover($"{what} {status}");
        return Probe.ListAsync(viewer, target, path, status, visible ? expected : null, idOf ?? (item => item["id"]!.GetValue<Guid>()), limit);
    }

    /// <summary>
    /// Anything not JSON (a file download, a calendar feed, a web page): the status, and on 200 the
    /// body as bytes. Disagreements with <paramref name="expectedStatus"/> are recorded; covers <c>"{what} {status}"</c>.
    /// </summary>
    public async Task<byte[]?> RawAsync(Persona viewer, string what, string target, string path, int expectedStatus, string? accept = null, bool bearer = true)
    {
        Probe.Cover($"{what} {expectedStatus}");
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        using var response = await (bearer ? As(viewer.UserId) : _anonymous).SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if ((int)response.StatusCode == expectedStatus) return expectedStatus == 200 ? bytes : null;
        Probe.Fail(viewer, target, path, $"status {expectedStatus}", $"status {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(bytes[..Math.Min(200, bytes.Length)])}");
        return null;
    }

    /// <summary>A web page of the tool: 200 when visible, else 404; on 200, <paramref name="mustContain"/> must be in the HTML and <paramref name="mustNotContain"/> absent.</summary>
    public async Task PageAsync(Persona viewer, string what, string target, string path, bool visible, IEnumerable<string>? mustContain = null, IEnumerable<string>? mustNotContain = null)
    {
        var bytes = await RawAsync(viewer, what, target, path, visible ? 200 : 404, "text/html");
        if (bytes is null) return;
        var html = System.Text.Encoding.UTF8.GetString(bytes);
        foreach (var text in mustContain ?? []) if (!html.Contains(text, StringComparison.Ordinal)) Probe.Fail(viewer, target, path, $"page showing {text}", "absent");
        foreach (var text in mustNotContain ?? []) if (html.Contains(text, StringComparison.Ordinal)) Probe.Fail(viewer, target, path, $"page without {text}", "present");
    }

    public string Describe(Persona viewer, ModelSphere s) =>
        $"{W.Name(s.Id)} [viewer role {Oracle.SphereRoleOf(viewer.UserId, s)?.ToString() ?? "none"}, reads {Reads(viewer.UserId, s)}, takes part {Participates(viewer.UserId, s)}]";

    public void Dispose()
    {
        foreach (var client in _clients.Values) client.Dispose();
        _anonymous.Dispose();
    }
}

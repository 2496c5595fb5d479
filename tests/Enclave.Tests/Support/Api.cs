using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Enclave.Tests.Support;

/// <summary>A thin JSON client over one <see cref="HttpClient"/>, signed in or not.</summary>
public sealed class Api(HttpClient http, TestUser? user)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public HttpClient Http { get; } = http;
    public TestUser? User { get; } = user;
    public Guid UserId => User?.Id ?? throw new InvalidOperationException("Anonymous client.");

    public Task<HttpResponseMessage> GetAsync(string path) => Http.GetAsync(path);
    public Task<HttpResponseMessage> PostAsync(string path, object? body = null) => Http.PostAsJsonAsync(path, body ?? new { }, Json);
    public Task<HttpResponseMessage> PutAsync(string path, object? body = null) => Http.PutAsJsonAsync(path, body ?? new { }, Json);
    public Task<HttpResponseMessage> PatchAsync(string path, object body) => Http.PatchAsJsonAsync(path, body, Json);
    public Task<HttpResponseMessage> DeleteAsync(string path) => Http.DeleteAsync(path);

    /// <summary>Sends raw text as the body, for malformed-JSON and content-type tests.</summary>
    public Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, string body, string contentType = "application/json") =>
        Http.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(body, System.Text.Encoding.UTF8, new MediaTypeHeaderValue(contentType)) });

    /// <summary>Asserts a 2xx and returns the body as JSON.</summary>
    public async Task<JsonNode> OkAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {text}");
        return string.IsNullOrEmpty(text) ? new JsonObject() : JsonNode.Parse(text)!;
    }

    public Task<JsonNode> GetOkAsync(string path) => OkAsync(GetAsync(path));
    public Task<JsonNode> PostOkAsync(string path, object? body = null) => OkAsync(PostAsync(path, body));
    public Task<JsonNode> PutOkAsync(string path, object? body = null) => OkAsync(PutAsync(path, body));
    public Task<JsonNode> PatchOkAsync(string path, object body) => OkAsync(PatchAsync(path, body));
    public Task<JsonNode> DeleteOkAsync(string path) => OkAsync(DeleteAsync(path));

    /// <summary>Asserts an RFC 9457 problem with the given status and code; returns the problem.</summary>
    public static async Task<JsonNode> ProblemAsync(Task<HttpResponseMessage> call, HttpStatusCode status, string? code = null)
    {
        using var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode} for {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!;
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(problem["code"]?.GetValue<string>()), "problem without code: " + text);
        if (code is not null) Assert.Equal(code, problem["code"]!.GetValue<string>());
        return problem;
    }

    public Task<JsonNode> Problem(Task<HttpResponseMessage> call, HttpStatusCode status, string? code = null) => ProblemAsync(call, status, code);
}

public sealed record TestUser(Guid Id, string UserName, string Email, string Password, string Token);

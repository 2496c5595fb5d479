using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Enclave.Server.Data;
using Enclave.Server.Files;
using Enclave.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Enclave.Tests.Posts.Attachments;

/// <summary>Sample files and upload calls for the attachment tests.</summary>
internal static class Uploads
{
    public static byte[] Png(int size = 300) => Fill([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, (byte)'I', (byte)'H', (byte)'D', (byte)'R'], size);

    public static byte[] Pdf(int size = 500) => Fill("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n"u8.ToArray(), size);

    /// <summary>Binary filler after the magic bytes, different at every offset so a wrong range slice shows.</summary>
    private static byte[] Fill(byte[] head, int size)
    {
        var bytes = new byte[size];
        head.CopyTo(bytes, 0);
        for (var i = head.Length; i < size; i++) bytes[i] = (byte)(i * 7 % 251);
        return bytes;
    }

    public static Task<HttpResponseMessage> UploadRawAsync(this Api api, Guid sphere, string? fileName, byte[] bytes, string contentType = "application/octet-stream")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var query = fileName is null ? "" : $"?filename={Uri.EscapeDataString(fileName)}";
        return api.Http.PostAsync($"/api/v1/spheres/{sphere}/attachments{query}", content);
    }

    public static Task<HttpResponseMessage> UploadMultipartAsync(this Api api, Guid sphere, string fileName, byte[] bytes, string declaredType = "image/png")
    {
        var form = new MultipartFormDataContent
        {
            // An extra field before the file: the server skips it without buffering.
            { new StringContent("ignored"), "note" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(declaredType);
        form.Add(file, "file", fileName);
        return api.Http.PostAsync($"/api/v1/spheres/{sphere}/attachments", form);
    }

    public static async Task<Guid> UploadOkAsync(this Api api, Guid sphere, string fileName, byte[] bytes) =>
        (await api.OkAsync(api.UploadRawAsync(sphere, fileName, bytes)))["id"]!.GetValue<Guid>();

    public static async Task<JsonNode> PostWithAsync(this Api api, Guid sphere, params Guid[] attachmentIds) =>
        await api.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "See attached", attachmentIds });

    public static async Task<byte[]> DownloadOkAsync(this Api api, Guid attachment)
    {
        using var response = await api.GetAsync($"/api/v1/attachments/{attachment}");
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadAsByteArrayAsync();
    }

    public static async Task<T> WithDbAsync<T>(this EnclaveApp app, Func<EnclaveDb, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<EnclaveDb>());
    }

    public static string BlobRoot(this EnclaveApp app) => Path.GetFullPath(app.Services.GetRequiredService<IOptions<StorageOptions>>().Value.Path);

    /// <summary>Every file under the app's blob folder, partial uploads included.</summary>
    public static int BlobFileCount(this EnclaveApp app) =>
        Directory.Exists(app.BlobRoot()) ? Directory.EnumerateFiles(app.BlobRoot(), "*", SearchOption.AllDirectories).Count() : 0;

    /// <summary>Where the local disk store keeps an attachment's bytes (its layout: organization, two-character fan-out, key).</summary>
    public static async Task<string> BlobPathAsync(this EnclaveApp app, Guid attachment)
    {
        var row = await app.WithDbAsync(db => db.Attachments.AsNoTracking().FirstAsync(a => a.Id == attachment));
        return Path.Combine(app.BlobRoot(), row.OrganizationId.ToString("N"), row.BlobKey[..2], row.BlobKey);
    }
}

using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Enclave.Tests.Support;

namespace Enclave.Tests.Tools.Documents;

/// <summary>Upload and download calls of the document box tests.</summary>
internal static class Docs
{
    public static Task<HttpResponseMessage> UploadAsync(this Api api, Guid sphere, string fileName, byte[] bytes, Guid? folderId = null, string declaredType = "application/octet-stream")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(declaredType);
        form.Add(file, "file", fileName);
        var query = folderId is null ? "" : $"?folderId={folderId}";
        return api.Http.PostAsync($"/api/v1/spheres/{sphere}/documents/files{query}", form);
    }

    public static Task<HttpResponseMessage> UploadRawAsync(this Api api, Guid sphere, string fileName, byte[] bytes, string declaredType = "application/octet-stream")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(declaredType);
        return api.Http.PostAsync($"/api/v1/spheres/{sphere}/documents/files?filename={Uri.EscapeDataString(fileName)}", content);
    }

    public static async Task<JsonNode> UploadOkAsync(this Api api, Guid sphere, string fileName, byte[] bytes, Guid? folderId = null) =>
        await api.OkAsync(api.UploadAsync(sphere, fileName, bytes, folderId));

    public static Task<HttpResponseMessage> NewVersionAsync(this Api api, Guid file, byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return api.Http.PostAsync($"/api/v1/documents/files/{file}/versions", content);
    }

    public static async Task<byte[]> DownloadOkAsync(this Api api, string path)
    {
        using var response = await api.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadAsByteArrayAsync();
    }

    public static Guid Id(this JsonNode node) => node["id"]!.GetValue<Guid>();

    /// <summary>Different bytes for every seed, so content-addressing does not merge files a test means to keep apart.</summary>
    public static byte[] Bytes(int size, int seed) => Enumerable.Range(0, size).Select(i => (byte)('a' + (i * 7 + seed) % 26)).ToArray();

    public static byte[] Png(int size = 300) => Fill([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, (byte)'I', (byte)'H', (byte)'D', (byte)'R'], size);
    public static byte[] Pdf(int size = 500) => Fill("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n"u8.ToArray(), size);

    private static byte[] Fill(byte[] head, int size)
    {
        var bytes = new byte[size];
        head.CopyTo(bytes, 0);
        for (var i = head.Length; i < size; i++) bytes[i] = (byte)(i * 7 % 251);
        return bytes;
    }
}

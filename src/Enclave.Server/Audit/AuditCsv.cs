using System.Globalization;
using System.Reflection;
using System.Text;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.Metadata;

namespace Enclave.Server.Audit;

/// <summary>
/// The trail as CSV (RFC 4180: comma-separated, CRLF line ends, quoted fields), streamed in
/// batches so that a year of entries never sits in memory. Cells that a spreadsheet would run as
/// a formula (starting with = + - @, tab or carriage return) get a leading apostrophe: a display
/// name such as <c>=HYPERLINK(...)</c> stays text.
/// </summary>
public sealed class AuditCsv(AuditReader reader, AuditScope scope, AuditFilter filter, string fileName) : IResult, IEndpointMetadataProvider
{
    private static readonly string[] Header =
        ["id", "at", "action", "actor_id", "actor", "subject_id", "subject", "organization_id", "sphere_id", "target_type", "target_id", "ip", "detail"];

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var ct = httpContext.RequestAborted;
        httpContext.Response.ContentType = "text/csv; charset=utf-8";
        httpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        await using var writer = new StreamWriter(httpContext.Response.Body, new UTF8Encoding(false), 16 * 1024) { NewLine = "\r\n" };
        await WriteRowAsync(writer, Header);
        string? cursor = null;
        do
        {
            var page = await reader.PageAsync(scope, filter, cursor, Paging.MaxLimit, ct);
            foreach (var e in page.Items)
                await WriteRowAsync(writer, [
                    e.Id.ToString(), e.At.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), e.Action,
                    e.ActorId?.ToString(), e.ActorName, e.SubjectUserId?.ToString(), e.SubjectName, e.OrganizationId?.ToString(),
                    e.SphereId?.ToString(), e.TargetType, e.TargetId?.ToString(), e.Ip, e.Detail]);
            await writer.FlushAsync(ct);
            cursor = page.NextCursor;
        } while (cursor is not null);
    }

    private static Task WriteRowAsync(StreamWriter writer, string?[] cells) =>
        writer.WriteLineAsync(string.Join(',', cells.Select(Cell)));

    /// <summary>One field: guarded against formula injection, then quoted when it holds a comma, a quote or a line break.</summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(200, typeof(string), ["text/csv"]));
}

using System.Globalization;
using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Posts.Attachments;
using Enclave.Server.Spheres;
using Enclave.Server.Web;

namespace Enclave.Server.Posts.Pages;

/// <summary>
/// The composer's form as the page receives it (with or without script), turned into the API's
/// calls: each attached file through the attachment handler, then the create handler with their ids.
/// Private recipients, attachment ids and files are read from the raw form (repeated fields).
/// </summary>
public sealed class ComposeForm
{
    /// <summary>The largest composer form (several files without script); each file still obeys <c>Attachments:MaxBytes</c>.</summary>
    public const long MaxFormBytes = 128L * 1024 * 1024;
    public const int MaxFiles = 10;

    public string? Body { get; set; }
    public string? Style { get; set; }
    public bool Private { get; set; }
    /// <summary>datetime-local values, in the viewer's time zone.</summary>
    public string? PublishAt { get; set; }
    public string? DeleteAt { get; set; }

    /// <summary>What the form carried back after a refusal (chosen recipients, uploads already done).</summary>
    public HashSet<Guid> RecipientIds { get; } = [];
    public List<Guid> AttachmentIds { get; } = [];

    public async Task<PostResponse> SubmitAsync(Guid sphereId, IFormCollection raw, TimeZoneInfo zone, Viewer viewer, IServiceProvider services,
        List<UploadedAttachmentResponse> uploaded, CancellationToken cancellationToken)
    {
        RecipientIds.UnionWith(Guids(raw["Form.RecipientIds"]));
        AttachmentIds.AddRange(Guids(raw["attachmentIds"]));
        var v = PostService.Body(new Validation(), "body", Body);
        var style = ParseStyle(v);
        var publishAt = Local(v, "publishAt", PublishAt, zone);
        var deleteAt = Local(v, "deleteAt", DeleteAt, zone);
        var files = raw.Files.Where(f => f.Name == "files" && f.Length > 0).ToList();
        if (files.Count + AttachmentIds.Count > MaxFiles) v.Add("files", $"at most {MaxFiles} files.");
        // Refuse the text before storing any file: a refused form leaves nothing behind.
        v.ThrowIfAny();

        var gate = services.GetRequiredService<AccessGate>();
        var uploads = services.GetRequiredService<AttachmentUpload>();
        foreach (var file in files)
        {
            await using var content = file.OpenReadStream();
            var attachment = await AttachmentEndpoints.UploadFile(sphereId, content, file.FileName, viewer, gate, uploads, cancellationToken);
            uploaded.Add(attachment);
            AttachmentIds.Add(attachment.Id);
        }
        var request = new CreatePostRequest(Body, style, Private, Private ? RecipientIds.ToList() : null, publishAt, deleteAt, AttachmentIds.Count > 0 ? AttachmentIds : null);
        var created = await PostEndpoints.Create(sphereId, request, viewer, gate, services.GetRequiredService<PostService>(),
            services.GetRequiredService<PostViewBuilder>(), services.GetRequiredService<PostEvents>(), cancellationToken);
        return created.Value!;
    }

    private PostStyle? ParseStyle(Validation v) => ParseStyle(v, Style);

    /// <summary>A style chosen in a form (empty: none); anything else is a field error.</summary>
    internal static PostStyle? ParseStyle(Validation v, string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (Enum.TryParse<PostStyle>(value, true, out var style) && Enum.IsDefined(style)) return style;
        v.Add("style", "is not a known style.");
        return null;
    }

    /// <summary>A datetime-local value read in the viewer's zone, as UTC; a time skipped by a clock change is refused.</summary>
    public static DateTime? Local(Validation v, string field, string? value, TimeZoneInfo zone)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (!DateTime.TryParseExact(value.Trim(), ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.fff"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            v.Add(field, "is not a valid date and time.");
            return null;
        }
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            v.Add(field, "does not exist in your time zone (clock change).");
            return null;
        }
        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    private static IEnumerable<Guid> Guids(IEnumerable<string?> values) =>
        values.Select(s => Guid.TryParse(s, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).Distinct().Take(PostRules.MaxRecipients + 1);

    /// <summary>Whom a member of a restricted sphere writes to: its administrators and publishers (the API's staff list).</summary>
    public static async Task<IReadOnlyList<SphereMemberResponse>> StaffAsync(Guid sphereId, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        var administrators = (await SphereMemberEndpoints.List(sphereId, "administrator", null, null, 100, viewer, gate, db, cancellationToken)).Value!.Items;
        var publishers = (await SphereMemberEndpoints.List(sphereId, "publisher", null, null, 100, viewer, gate, db, cancellationToken)).Value!.Items;
        return [.. administrators, .. publishers];
    }
}

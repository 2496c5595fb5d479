using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Organizations;
using Enclave.Server.Web;

namespace Enclave.Server.Moderation;

/// <summary>What a moderation action is applied to: a post, a comment or a person, always within one sphere.</summary>
public sealed record ModerationSubject(ReportTarget Type, Guid Id, Guid OrganizationId, Guid SphereId, Guid UserId, Guid? PostId);

/// <summary>Who may moderate: a sphere's administrators (its content and members), an organization's managers (its people).</summary>
public sealed record Moderator(Guid UserId, bool ModeratesSphere, bool ManagesOrganization)
{
    public static async Task<Moderator> ResolveAsync(Viewer viewer, Guid sphereId, AccessGate gate, CancellationToken cancellationToken)
    {
        var access = await gate.SphereAsync(viewer, sphereId, cancellationToken);
        var manages = access.OrganizationRole == OrganizationRole.Manager && !access.Organization.IsPersonal && !access.OrganizationCharterPending;
        var moderator = new Moderator(viewer.Id, access.CanAdminister && !access.CharterPending, manages);
        if (!moderator.ModeratesSphere && !moderator.ManagesOrganization)
        {
            if (!access.CanRead) throw ProblemException.NotFound("sphere");
            throw NotModerator();
        }
        return moderator;
    }

    public static ProblemException NotModerator() =>
        ProblemException.Forbidden("not_moderator", "Only the sphere's administrators and the organization's managers moderate.");
}

/// <summary>Parses and checks the words of a moderation request.</summary>
public static class ModerationRules
{
    public const int MaxMuteHours = 24 * 366;

    public static readonly ModerationKind[] ContentKinds = [ModerationKind.Hide, ModerationKind.Delete, ModerationKind.Restore];
    public static readonly ModerationKind[] PersonKinds = [ModerationKind.Warn, ModerationKind.Mute, ModerationKind.Remove, ModerationKind.Ban];

    public static ModerationKind Parse(ModerationRequest request, IReadOnlyCollection<ModerationKind> allowed)
    {
        var v = new Validation();
        var kind = QueryEnum.Parse<ModerationKind>("action", request.Action ?? "");
        if (kind is null || !allowed.Contains(kind.Value))
            v.Add("action", "must be one of: " + string.Join(", ", allowed.Select(k => k.ToString().ToLowerInvariant())) + ".");
        if (kind == ModerationKind.Warn) v.Text("message", request.Message, 1, ReportConfiguration.MaxText);
        else v.OptionalText("message", request.Message, ReportConfiguration.MaxText);
        if (kind == ModerationKind.Mute && request.Hours is not (>= 1 and <= MaxMuteHours)) v.Add("hours", $"must be between 1 and {MaxMuteHours}.");
        v.ThrowIfAny();
        return kind!.Value;
    }
}

public sealed record ModerationRequest(string? Action, string? Message, int? Hours);

public sealed record ModerationResult(Guid ActionId, ModerationKind Action, ReportTarget TargetType, Guid TargetId, int ReportsClosed, DateTime? Until);

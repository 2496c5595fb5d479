using System.Text;

namespace Enclave.Server.Privacy.Export;

/// <summary>The README.md inside every archive: the format, every file and every field, then the list of files actually present.</summary>
public static class ExportReadme
{
    public const int FormatVersion = 1;

    private const string Common = """
        All JSON files are UTF-8, indented, with camelCase field names. Identifiers are UUIDs
        (UUIDv7), times are UTC in ISO 8601, enumerations are snake_case strings. `null` means
        "not set". Paths in fields such as `file` or `avatar` are relative to the archive's root.

        - `manifest.json`: `format` ("enclave-export"), `formatVersion`, `kind` ("personal" or
          "organization"), `instance` (the address of the Enclave that made it, when configured),
          `createdAt`, `subject` (`id`, `name`), `counts` (number of items per kind), `files`
          (every file of the archive with `path`, `bytes` and `items` for JSON lists).
        - `README.md`: this file.
        """;

    private const string Personal = """
        ## What this personal archive holds

        Everything you authored and everything Enclave holds about you. It does not hold other
        people's words: comments others wrote on your posts appear only as `commentCount`, and
        other people appear only by id (`recipientIds`, `actorId`, `inviteeUserId`).

        - `profile.json`: `id`, `userName`, `firstName`, `lastName`, `email`, `bio`, `status`,
          `language`, `isPlatformAdmin`, `createdAt`, `avatar` (path of your avatar under `files/avatar/`).
        - `memberships.json`: `organizations` (`organizationId`, `name`, `isPersonal`, `role`
          manager/member/visitor, `joinedAt`), `spheres` (`sphereId`, `organizationId`, `name`,
          `type`, `role`, `joinedAt`), `groups` (`groupId`, `sphereId`, `name`, `handle`),
          `sphereProfiles` (`sphereId`, `bio`, `avatar` under `files/sphere-avatars/`),
          `charterAcceptances` (`organizationId`, `sphereId`, `version`, `acceptedAt`).
        - `posts.json`: your posts: `id`, `organizationId`, `sphereId`, `body` (Markdown source),
          `style`, `isPrivate` (private posts are for `recipientIds` only), `tags`, `recipientIds`,
          `revisions` (earlier versions: `body`, `style`, `writtenAt`, `writtenByYou`),
          `attachmentIds`, `createdAt`, `publishAt` (scheduled), `publishedAt`, `deleteAt`,
          `editedAt`, `pinnedAt`, `copiedFromPostId`, `commentCount`, `reactionCount`.
        - `comments.json`: your comments: `id`, `organizationId`, `sphereId`, `postId`, `body`
          (Markdown), `status` (published / awaiting_approval), `createdAt`, `editedAt`.
        - `reactions.json`: your reactions: `id`, `organizationId`, `sphereId`, `postId`,
          `targetId` (the post or comment), `onComment`, `kind`, `createdAt`.
        - `attachments.json`: files you uploaded: `id`, `organizationId`, `sphereId`, `postId`,
          `fileName`, `contentType`, `size` (bytes), `createdAt`, `attachedAt`, `file` (the bytes,
          under `files/attachments/`).
        - `notification-settings.json`: per sphere (`organizationId`, `sphereId`) your `level`.
        - `notifications.json`: `id`, `kind`, `organizationId`, `sphereId`, `postId`, `commentId`,
          `subjectId` (invitation or request), `actorId`, `createdAt`, `readAt`.
        - `sessions.json`: your signed-in sessions: `id`, `device` (the browser's user agent),
          `ip`, `createdAt`, `lastSeenAt`, `expiresAt`. Never the session secrets.
        - `access-tokens.json`: your personal access tokens: `id`, `name`, `prefix`, `createdAt`,
          `expiresAt`, `lastUsedAt`. Never the secrets.
        - `invitations.json`: invitations you sent or received: `id`, `organizationId`,
          `sphereId`, `sentByYou`, `inviteeUserId`, `inviteeEmail`, `role`, `message`, `status`,
          `createdAt`, `expiresAt`, `decidedAt`.
        - `join-requests.json`: your requests to join: `id`, `organizationId`, `sphereId`,
          `message`, `status`, `createdAt`, `decidedAt`.
        - `exports/exports.json`: the exports you asked for: `id`, `kind`, `organizationId`,
          `status`, `createdAt`, `completedAt`, `expiresAt`, `size`.
        - Other folders (for example `audit/`, `security/`, `moderation/`, `mail/`) are written by
          other parts of Enclave; each file is a JSON list or object named after what it holds.
        """;

    private const string Organization = """
        ## What this organization archive holds

        The organization's whole content, for moving it to another Enclave (a platform
        administrator imports it there) or keeping a copy. Only this organization: its daughters
        in a federation are exported on their own.

        - `organization.json`: `id`, `name`, `description`, `plan`, `parentId` (the mother, not
          imported), `hiddenInTree`, `membersCanCreateSpheres`, `externalPortal`, `charter`
          (Markdown), `charterVersion`, `createdAt`.
        - `people.json`: everyone the content refers to: `id`, `userName`, `firstName`,
          `lastName`, `email`, `language`, `role` (manager/member/visitor, or null for a former
          member who still authors content), `joinedAt`.
        - `spheres.json`: `id`, `name`, `description`, `type`, `listedInPortal`,
          `membersCanInvite`, `charter`, `charterVersion`, `createdById`, `createdAt`, `members`
          (`userId`, `role`, `joinedAt`), `groups` (`id`, `name`, `handle`, `createdAt`, `memberIds`).
        - `sphere-profiles.json`: per-sphere profiles: `id`, `sphereId`, `userId`, `bio`,
          `avatar` (under `files/sphere-avatars/`), `avatarContentType`.
        - `posts.json`: `id`, `sphereId`, `authorId`, `body` (Markdown), `style`, `isPrivate`,
          `feedKey` (feed order; null while scheduled), `tags`, `recipientIds`, `revisions` (`id`,
          `body`, `style`, `authorId`, `writtenAt`), `createdAt`, `publishAt`, `publishedAt`,
          `deleteAt`, `editedAt`, `pinnedAt`, `copiedFromPostId`, `copiedFromSphereId`.
        - `comments.json`: `id`, `sphereId`, `postId`, `authorId`, `body`, `status`, `createdAt`, `editedAt`.
        - `reactions.json`: `id`, `sphereId`, `postId`, `targetId` (post or comment), `userId`, `kind`, `createdAt`.
        - `attachments.json`: files linked to posts: `id`, `sphereId`, `postId`, `uploaderId`,
          `fileName`, `contentType`, `size`, `createdAt`, `attachedAt`, `file` (under `files/attachments/`).
        """;

    public static string Write(ExportKind kind, ExportSubject subject, IReadOnlyList<ArchiveFile> files)
    {
        var text = new StringBuilder();
        text.Append("# Enclave export: ").AppendLine(subject.Name).AppendLine();
        text.Append("Format `enclave-export`, version ").Append(FormatVersion).Append(", kind `")
            .Append(kind == ExportKind.Personal ? "personal" : "organization").AppendLine("`.").AppendLine();
        text.AppendLine(Common).AppendLine(kind == ExportKind.Personal ? Personal : Organization);
        text.AppendLine("## Files in this archive").AppendLine();
        text.AppendLine("- `README.md`").AppendLine("- `manifest.json`");
        foreach (var f in files)
            text.Append("- `").Append(f.Path).Append("` (").Append(f.Bytes).Append(" bytes").Append(f.Items is { } n ? $", {n} items" : "").AppendLine(")");
        return text.ToString();
    }
}

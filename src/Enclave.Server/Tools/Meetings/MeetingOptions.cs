using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Enclave.Server.Tools.Meetings;

/// <summary>The video-conference provider (Jitsi- or BigBlueButton-style): rooms are <c>{BaseUrl}/{room}</c>. Empty turns the feature off.</summary>
public sealed class MeetingOptions
{
    public const string Section = "Meetings";

    /// <summary>e.g. <c>https://meet.example.org</c>; http or https only.</summary>
    public string BaseUrl { get; set; } = "";
}

/// <summary>
/// Makes room names and links. A name carries 144 random bits (18 bytes, base64url: letters,
/// digits, '-' and '_'), so a room cannot be guessed: knowing the link is what lets one in, and
/// the link is shown only through the gate.
/// </summary>
public sealed class MeetingRooms(IOptions<MeetingOptions> options)
{
    public bool Enabled => BaseUri is not null;

    private Uri? BaseUri =>
        Uri.TryCreate(options.Value.BaseUrl?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri : null;

    public static string NewRoom() =>
        "enclave-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The room's link, or null when the feature is off (a room made earlier is then not shown).</summary>
    public string? Url(string? room) => room is null || BaseUri is not { } b ? null : b.AbsoluteUri.TrimEnd('/') + "/" + room;
}

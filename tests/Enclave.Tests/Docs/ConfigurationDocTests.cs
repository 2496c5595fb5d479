using Enclave.Server.Accounts;
using Enclave.Server.Data;
using Enclave.Server.Files;
using Enclave.Server.Memberships;
using Enclave.Server.Web;
using Enclave.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Enclave.Tests.Docs;

/// <summary>docs/configuration.md documents every setting the code binds, and what it says about shutdown holds.</summary>
public sealed class ConfigurationDocTests
{
    /// <summary>Each options class and the configuration section it is bound from.</summary>
    private static readonly (Type Options, string Section)[] Sections =
    [
        (typeof(DatabaseOptions), "Database"),
        (typeof(StorageOptions), "Storage"),
        (typeof(RateLimitOptions), "RateLimits"),
        (typeof(LockoutOptions), "Accounts:Lockout"),
        (typeof(AccountOptions), "Accounts"),
        (typeof(EnclaveOptions), "Enclave"),
        (typeof(Enclave.Server.Mail.MailOptions), "Mail"),
        (typeof(Enclave.Server.Mail.SmtpOptions), "Mail:Smtp"),
        (typeof(InvitationOptions), "Invitations"),
        (typeof(BootstrapAdminOptions), "Bootstrap:Admin"),
        (typeof(Enclave.Server.Posts.Attachments.AttachmentOptions), "Attachments"),
        (typeof(Enclave.Server.Live.LiveOptions), "Live"),
        (typeof(Enclave.Server.Demo.DemoOptions), "Demo"),
        (typeof(Enclave.Server.Privacy.Export.ExportOptions), "Exports"),
        (typeof(Enclave.Server.Privacy.Import.ImportOptions), "Imports"),
        (typeof(Enclave.Server.Privacy.Closing.ClosingOptions), "Privacy"),
        (typeof(Enclave.Server.Audit.AuditOptions), "Audit"),
        (typeof(Enclave.Server.Tools.Documents.DocumentOptions), "Documents"),
        (typeof(Enclave.Server.Tools.Meetings.MeetingOptions), "Meetings"),
    ];

    [Fact]
    public void Every_bound_setting_is_documented()
    {
        var text = File.ReadAllText(Repository.PathOf("docs", "configuration.md"));
        var settings = Sections
            .SelectMany(s => s.Options.GetProperties().Where(p => p.CanWrite).Select(p => $"{s.Section}:{p.Name}"))
            .Append("DataProtection:Path")
            .Append("Logging:Console:FormatterName")
            .ToList();
        var missing = settings.Where(setting => !text.Contains($"`{setting}`", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "not documented in docs/configuration.md: " + string.Join(", ", missing));
        foreach (var setting in settings)
            Assert.Contains(setting.Replace(":", "__", StringComparison.Ordinal), text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_documented_shutdown_timeout_setting_is_honoured()
    {
        using var app = new EnclaveApp(Engine.Sqlite, new Dictionary<string, string?> { ["shutdownTimeoutSeconds"] = "47" });
        Assert.Equal(TimeSpan.FromSeconds(47), app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }
}

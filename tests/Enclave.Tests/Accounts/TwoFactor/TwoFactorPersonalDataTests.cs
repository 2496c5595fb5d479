using System.Text.Json;
using Enclave.Server.Accounts.TwoFactor;
using Enclave.Server.Data;
using Enclave.Server.Privacy;
using Enclave.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.Tests.Accounts.TwoFactor;

[Collection(TwoFactorClient.Collection)]
public sealed class TwoFactorPersonalDataTests
{
    private sealed class MemoryArchive : IExportArchive
    {
        public Dictionary<string, string> Files { get; } = [];

        public Task AddJsonAsync<T>(string path, T value, CancellationToken cancellationToken)
        {
            Files[path] = JsonSerializer.Serialize(value, new JsonSerializerOptions(JsonSerializerDefaults.Web));
            return Task.CompletedTask;
        }

        public Task AddFileAsync(string path, Stream content, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    [Theory, Engines]
    public async Task The_export_says_since_when_without_the_secret_and_closing_deletes_it_all(Engine engine)
    {
        var app = TwoFactorClient.Shared(engine);
        var enrolled = await app.EnrolAsync();
        var other = await app.EnrolAsync();
        var userId = enrolled.Api.UserId;
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EnclaveDb>();
        Assert.Contains(scope.ServiceProvider.GetServices<IPersonalDataExporter>(), e => e is TwoFactorPersonalData);
        Assert.Contains(scope.ServiceProvider.GetServices<IPersonalDataEraser>(), e => e is TwoFactorPersonalData);
        var data = scope.ServiceProvider.GetRequiredService<TwoFactorPersonalData>();

        var archive = new MemoryArchive();
        await data.ExportAsync(new PersonalDataExport(db, userId, archive), CancellationToken.None);
        var json = JsonDocument.Parse(archive.Files["security/two-factor.json"]).RootElement;
        Assert.True(json.GetProperty("enabled").GetBoolean());
        Assert.True(json.GetProperty("enabledSince").GetDateTime() > DateTime.MinValue);
        Assert.Equal(10, json.GetProperty("recoveryCodesLeft").GetInt32());
        var text = archive.Files["security/two-factor.json"];
        Assert.DoesNotContain(enrolled.Secret, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(db.TwoFactorCredentials.Single(c => c.UserId == userId).ProtectedSecret, text);
        Assert.All(enrolled.RecoveryCodes, c => Assert.DoesNotContain(c, text));

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await data.EraseAsync(new PersonalDataErasure(db, userId, ClosingChoice.Anonymize), CancellationToken.None);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        Assert.False(await db.TwoFactorCredentials.AnyAsync(c => c.UserId == userId));
        Assert.False(await db.RecoveryCodes.AnyAsync(c => c.UserId == userId));
        // Someone else's are intact.
        Assert.True(await db.TwoFactorCredentials.AnyAsync(c => c.UserId == other.Api.UserId));
        Assert.Equal(10, await db.RecoveryCodes.CountAsync(c => c.UserId == other.Api.UserId));
    }
}

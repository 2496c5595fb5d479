using Enclave.Server.Audit;
using Enclave.Server.Data;
using Enclave.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.Tests.Audit;

/// <summary>Reads the trail straight from the database, to check what an action wrote.</summary>
internal static class AuditSupport
{
    public static async Task<List<AuditEntry>> EntriesAsync(this EnclaveApp app, Func<IQueryable<AuditEntry>, IQueryable<AuditEntry>> filter)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EnclaveDb>();
        return await filter(db.AuditEntries.AsNoTracking()).OrderBy(e => e.Id).ToListAsync();
    }

    public static async Task<Api> PlatformAdminAsync(this EnclaveApp app)
    {
        var admin = await app.SignUpAsync();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EnclaveDb>();
        await db.Users.Where(u => u.Id == admin.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsPlatformAdmin, true));
        return admin;
    }

    /// <summary>Signs in with a password and returns a client on the new session token.</summary>
    public static async Task<(Api Client, string Token)> SignInAsync(this EnclaveApp app, TestUser user, string? password = null)
    {
        var anonymous = app.Anonymous();
        var response = await anonymous.OkAsync(anonymous.PostAsync("/api/v1/auth/login", new { login = user.UserName, password = password ?? user.Password, mode = "token" }));
        var token = response["token"]!.GetValue<string>();
        var http = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return (new Api(http, user with { Token = token }), token);
    }
}

using System.Net;
using System.Text.RegularExpressions;
using Enclave.Server.Audit;
using Enclave.Tests.Mail;
using Enclave.Tests.Support;

namespace Enclave.Tests.Audit;

/// <summary>Every audited action writes its entry, with the actor, the person concerned and the organization whose managers read it.</summary>
public sealed partial class AuditInstrumentationTests
{
    private sealed record Expected(string Action, Guid? Actor, Guid? Subject, Guid? Organization, Guid? Sphere = null);

    private static async Task AssertWrittenAsync(EnclaveApp app, Guid since, params Expected[] expected)
    {
        var entries = await app.EntriesAsync(q => q.Where(e => e.Id.CompareTo(since) > 0));
        foreach (var e in expected)
            Assert.True(entries.Any(x => x.Action == e.Action && x.ActorId == e.Actor && x.SubjectUserId == e.Subject && x.OrganizationId == e.Organization &&
                (e.Sphere == null || x.SphereId == e.Sphere)), $"no entry {e}; found: {string.Join(" | ", entries.Select(x => $"{x.Action} {x.ActorId} {x.SubjectUserId} {x.OrganizationId}"))}");
    }

    private static Guid Mark() => Enclave.Server.Data.Ids.New();

    [Theory, Engines]
    public async Task Sign_in_and_account_security_actions_are_recorded(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var a = alice.UserId;
        var since = Mark();

        var (session, _) = await app.SignInAsync(alice.User!);
        await Api.ProblemAsync(app.Anonymous().PostAsync("/api/v1/auth/login", new { login = alice.User!.UserName, password = "wrong password here" }), HttpStatusCode.Unauthorized, "invalid_credentials");
        var ghost = World.UniqueName("ghost");
        await Api.ProblemAsync(app.Anonymous().PostAsync("/api/v1/auth/login", new { login = ghost, password = "whatever it is" }), HttpStatusCode.Unauthorized, "invalid_credentials");
        var token = await alice.PostOkAsync("/api/v1/me/tokens", new { name = "ci" });
        var tokenId = token["token"]!["id"]!.GetValue<Guid>();
        (await alice.DeleteAsync($"/api/v1/me/tokens/{tokenId}")).EnsureSuccessStatusCode();
        var (other, _) = await app.SignInAsync(alice.User!);
        var sessions = await alice.GetOkAsync("/api/v1/me/sessions?limit=100");
        var otherId = sessions["items"]!.AsArray().Select(s => s!["id"]!.GetValue<Guid>()).Last();
        (await alice.DeleteAsync($"/api/v1/me/sessions/{otherId}")).EnsureSuccessStatusCode();
        (await session.PostAsync("/api/v1/auth/logout")).EnsureSuccessStatusCode();
        await alice.PatchOkAsync("/api/v1/me", new { email = $"new-{alice.User.Email}", currentPassword = World.Password });
        (await alice.PutAsync("/api/v1/me/password", new { currentPassword = World.Password, newPassword = "another long passphrase 42" })).EnsureSuccessStatusCode();
        (await app.Anonymous().PostAsync("/api/v1/auth/password-reset", new { login = alice.User.UserName })).EnsureSuccessStatusCode();
        var mail = app.MailsTo($"new-{alice.User.Email}").Last();
        var resetToken = ResetToken().Match(mail.Text!).Value;
        (await app.Anonymous().PostAsync("/api/v1/auth/password-reset/confirm", new { token = resetToken, newPassword = "a third long passphrase 7" })).EnsureSuccessStatusCode();
        var (again, _) = await app.SignInAsync(alice.User, "a third long passphrase 7");
        (await again.PostAsync("/api/v1/auth/logout-all")).EnsureSuccessStatusCode();

        await AssertWrittenAsync(app, since,
            new(AuditActions.SignIn, a, a, null),
            new(AuditActions.SignInFailed, null, a, null),
            new(AuditActions.TokenCreated, a, a, null),
            new(AuditActions.TokenRevoked, a, a, null),
            new(AuditActions.SessionRevoked, a, a, null),
            new(AuditActions.SignOut, a, a, null),
            new(AuditActions.EmailChanged, a, a, null),
            new(AuditActions.PasswordChanged, a, a, null),
            new(AuditActions.PasswordResetRequested, null, a, null),
            new(AuditActions.PasswordReset, a, a, null),
            new(AuditActions.SignOutAll, a, a, null));

        // The unknown login left an entry with its origin only: no login string anywhere, no subject.
        var unknown = await app.EntriesAsync(q => q.Where(e => e.Id.CompareTo(since) > 0 && e.Action == AuditActions.SignInFailed && e.SubjectUserId == null));
        Assert.NotEmpty(unknown);
        var all = await app.EntriesAsync(q => q.Where(e => e.Id.CompareTo(since) > 0));
        Assert.DoesNotContain(all, e => (e.Detail ?? "").Contains(ghost, StringComparison.OrdinalIgnoreCase));
        // Details never carry names or addresses.
        Assert.DoesNotContain(all, e => (e.Detail ?? "").Contains(alice.User.UserName, StringComparison.OrdinalIgnoreCase) || (e.Detail ?? "").Contains('@'));
    }

    [GeneratedRegex("epr_[A-Za-z0-9_-]{43}")]
    private static partial Regex ResetToken();

    [Theory, Engines]
    public async Task Organization_and_sphere_administration_is_recorded_for_the_organization(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var bob = await app.SignUpAsync();
        var carol = await app.SignUpAsync();
        var since = Mark();
        var org = await alice.CreateOrganizationAsync(extra: new { externalPortal = true });
        var mother = await alice.CreateOrganizationAsync();
        var (a, b, c) = (alice.UserId, bob.UserId, carol.UserId);

        await alice.PatchOkAsync($"/api/v1/organizations/{org}", new { name = World.UniqueName("Renamed ") });
        await alice.InviteAndAcceptAsync($"/api/v1/organizations/{org}", bob);
        await alice.PatchOkAsync($"/api/v1/organizations/{org}/members/{b}", new { role = "manager" });
        var request = await carol.PostOkAsync($"/api/v1/organizations/{org}/join-requests", new { message = "Hello" });
        await alice.PostOkAsync($"/api/v1/organizations/{org}/join-requests/{request["id"]}/approve");
        (await alice.DeleteAsync($"/api/v1/organizations/{org}/members/{c}")).EnsureSuccessStatusCode();
        var again = await carol.PostOkAsync($"/api/v1/organizations/{org}/join-requests", new { });
        await alice.PostOkAsync($"/api/v1/organizations/{org}/join-requests/{again["id"]}/refuse");
        await alice.PutOkAsync($"/api/v1/organizations/{org}/charter", new { text = "Be kind." });
        (await alice.DeleteAsync($"/api/v1/organizations/{org}/charter")).EnsureSuccessStatusCode();
        await alice.PutOkAsync($"/api/v1/organizations/{org}/parent", new { parentId = mother });
        (await alice.DeleteAsync($"/api/v1/organizations/{org}/parent")).EnsureSuccessStatusCode();

        var sphere = await alice.CreateSphereAsync(mother);
        await alice.PatchOkAsync($"/api/v1/spheres/{sphere}", new { type = "open" });
        var pending = await alice.PostOkAsync($"/api/v1/organizations/{mother}/invitations", new { userName = carol.User!.UserName });
        (await alice.DeleteAsync($"/api/v1/organizations/{mother}/invitations/{pending["invitation"]!["id"]}")).EnsureSuccessStatusCode();
        await alice.InviteAndAcceptAsync($"/api/v1/organizations/{mother}", carol);
        await alice.InviteAndAcceptAsync($"/api/v1/spheres/{sphere}", carol);
        await alice.PatchOkAsync($"/api/v1/spheres/{sphere}/members/{c}", new { role = "publisher" });
        (await alice.DeleteAsync($"/api/v1/spheres/{sphere}/members/{c}")).EnsureSuccessStatusCode();
        await alice.InviteAndAcceptAsync($"/api/v1/spheres/{sphere}", carol);
        await carol.PostOkAsync($"/api/v1/spheres/{sphere}/leave");
        await alice.PutOkAsync($"/api/v1/spheres/{sphere}/charter", new { text = "Sphere rules." });
        (await bob.DeleteAsync($"/api/v1/organizations/{org}/members/{b}")).EnsureSuccessStatusCode();

        await AssertWrittenAsync(app, since,
            new(AuditActions.OrganizationSettingsChanged, a, null, org),
            new(AuditActions.InvitationCreated, a, b, org),
            new(AuditActions.InvitationAccepted, b, b, org),
            new(AuditActions.OrganizationRoleChanged, a, b, org),
            new(AuditActions.JoinRequestApproved, a, c, org),
            new(AuditActions.OrganizationMemberRemoved, a, c, org),
            new(AuditActions.JoinRequestRefused, a, c, org),
            new(AuditActions.CharterChanged, a, null, org),
            new(AuditActions.FederationChanged, a, null, org),
            new(AuditActions.FederationChanged, a, null, mother),
            new(AuditActions.SphereCreated, a, null, mother, sphere),
            new(AuditActions.SphereSettingsChanged, a, null, mother, sphere),
            new(AuditActions.InvitationRevoked, a, c, mother),
            new(AuditActions.InvitationAccepted, c, c, mother, sphere),
            new(AuditActions.SphereRoleChanged, a, c, mother, sphere),
            new(AuditActions.SphereMemberRemoved, a, c, mother, sphere),
            new(AuditActions.SphereLeft, c, c, mother, sphere),
            new(AuditActions.CharterChanged, a, null, mother, sphere),
            new(AuditActions.OrganizationLeft, b, b, org));

        var entries = await app.EntriesAsync(q => q.Where(e => e.Id.CompareTo(since) > 0 && (e.OrganizationId == org || e.OrganizationId == mother)));
        Assert.Contains(entries, e => e.Action == AuditActions.SphereSettingsChanged && e.Detail!.Contains("Type:Open"));
        Assert.Contains(entries, e => e.Action == AuditActions.OrganizationRoleChanged && e.Detail == "member->manager");
        Assert.Contains(entries, e => e.Action == AuditActions.CharterChanged && e.Detail == "removed");
        Assert.DoesNotContain(entries, e => (e.Detail ?? "").Contains("Renamed") || (e.Detail ?? "").Contains('@'));
    }

    [Theory, Engines]
    public async Task Platform_administration_is_recorded(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var admin = await app.PlatformAdminAsync();
        var alice = await app.SignUpAsync();
        var org = await alice.CreateOrganizationAsync();
        var since = Mark();
        await admin.PutOkAsync($"/api/v1/admin/users/{alice.UserId}/platform-admin", new { isPlatformAdmin = true });
        await admin.PutOkAsync($"/api/v1/admin/users/{alice.UserId}/platform-admin", new { isPlatformAdmin = false });
        await admin.PutOkAsync($"/api/v1/admin/organizations/{org}/plan", new { plan = "pro" });
        await AssertWrittenAsync(app, since,
            new(AuditActions.PlatformAdminChanged, admin.UserId, alice.UserId, null),
            new(AuditActions.PlanChanged, admin.UserId, null, org));
        var granted = await app.EntriesAsync(q => q.Where(e => e.Id.CompareTo(since) > 0 && e.Action == AuditActions.PlatformAdminChanged && e.SubjectUserId == alice.UserId));
        Assert.Equal(["granted", "revoked"], granted.Select(e => e.Detail));
    }
}

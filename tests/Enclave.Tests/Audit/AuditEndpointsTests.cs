using System.Net;
using Enclave.Server.Audit;
using Enclave.Server.Data;
using Enclave.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.Tests.Audit;

public sealed class AuditEndpointsTests
{
    [Theory, Engines]
    public async Task I_see_my_sign_ins_and_failed_attempts_on_my_account_but_not_others(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync(firstName: "Alice", lastName: "Audit");
        var bob = await app.SignUpAsync();
        await app.SignInAsync(alice.User!);
        await app.SignInAsync(bob.User!);
        await Api.ProblemAsync(app.Anonymous().PostAsync("/api/v1/auth/login", new { login = alice.User!.UserName, password = "not her password" }), HttpStatusCode.Unauthorized);

        var mine = (await alice.GetOkAsync("/api/v1/me/audit"))["items"]!.AsArray();
        Assert.Contains(mine, e => e!["action"]!.GetValue<string>() == AuditActions.SignIn && e["subjectName"]!.GetValue<string>() == "Alice Audit");
        var failed = Assert.Single(mine, e => e!["action"]!.GetValue<string>() == AuditActions.SignInFailed);
        Assert.Null(failed!["actorId"]);
        Assert.All(mine, e => Assert.True(e!["subjectUserId"]?.GetValue<Guid>() == alice.UserId || e["actorId"]?.GetValue<Guid>() == alice.UserId));
        // Newest first.
        var ids = mine.Select(e => e!["id"]!.GetValue<Guid>()).ToList();
        Assert.Equal(ids.OrderDescending(), ids);

        var filtered = (await alice.GetOkAsync("/api/v1/me/audit?action=auth.sign_in_failed"))["items"]!.AsArray();
        Assert.Single(filtered);
        await Api.ProblemAsync(alice.GetAsync("/api/v1/me/audit?action=AUTH;drop"), HttpStatusCode.BadRequest, "validation_failed");
        await Api.ProblemAsync(alice.GetAsync("/api/v1/me/audit?from=yesterday"), HttpStatusCode.BadRequest, "validation_failed");
        await Api.ProblemAsync(alice.GetAsync("/api/v1/me/audit?format=xml"), HttpStatusCode.BadRequest, "validation_failed");
        await Api.ProblemAsync(app.Anonymous().GetAsync("/api/v1/me/audit"), HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Theory, Engines]
    public async Task Only_the_managers_of_an_organization_read_its_trail(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var manager = await app.SignUpAsync();
        var member = await app.SignUpAsync();
        var otherManager = await app.SignUpAsync();
        var outsider = await app.SignUpAsync();
        var admin = await app.PlatformAdminAsync();
        var org = await manager.CreateOrganizationAsync();
        var other = await otherManager.CreateOrganizationAsync();
        await manager.InviteAndAcceptAsync($"/api/v1/organizations/{org}", member);
        await manager.PatchOkAsync($"/api/v1/organizations/{org}", new { description = "Changed" });
        await otherManager.PatchOkAsync($"/api/v1/organizations/{other}", new { description = "Changed too" });

        var entries = (await manager.GetOkAsync($"/api/v1/organizations/{org}/audit"))["items"]!.AsArray();
        Assert.Contains(entries, e => e!["action"]!.GetValue<string>() == AuditActions.OrganizationSettingsChanged);
        Assert.Contains(entries, e => e!["action"]!.GetValue<string>() == AuditActions.InvitationAccepted && e["subjectUserId"]!.GetValue<Guid>() == member.UserId);
        Assert.All(entries, e => Assert.Equal(org, e!["organizationId"]!.GetValue<Guid>()));

        foreach (var stranger in new[] { member, otherManager, outsider, admin })
        {
            await Api.ProblemAsync(stranger.GetAsync($"/api/v1/organizations/{org}/audit"), HttpStatusCode.NotFound, "not_found");
            await Api.ProblemAsync(stranger.GetAsync($"/api/v1/organizations/{org}/audit.csv"), HttpStatusCode.NotFound, "not_found");
        }
        await Api.ProblemAsync(manager.GetAsync($"/api/v1/organizations/{Ids.New()}/audit"), HttpStatusCode.NotFound, "not_found");
        // The member's own trail shows them joining, not the manager's settings.
        var membersOwn = (await member.GetOkAsync("/api/v1/me/audit"))["items"]!.AsArray();
        Assert.DoesNotContain(membersOwn, e => e!["action"]!.GetValue<string>() == AuditActions.OrganizationSettingsChanged);

        // The platform's trail is for platform administrators only.
        var platform = (await admin.GetOkAsync($"/api/v1/admin/audit?action=organization.settings_changed&limit=100"))["items"]!.AsArray();
        Assert.Contains(platform, e => e!["organizationId"]?.GetValue<Guid>() == other);
        await Api.ProblemAsync(manager.GetAsync("/api/v1/admin/audit"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(manager.GetAsync("/api/v1/admin/audit.csv"), HttpStatusCode.NotFound, "not_found");
    }

    [Theory, Engines]
    public async Task Pages_follow_each_other_without_gaps_or_repeats(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        for (var i = 0; i < 5; i++) await app.SignInAsync(alice.User!);
        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await alice.GetOkAsync($"/api/v1/me/audit?limit=2{(cursor is null ? "" : "&cursor=" + cursor)}");
            seen.AddRange(page["items"]!.AsArray().Select(e => e!["id"]!.GetValue<Guid>()));
            cursor = page["nextCursor"]?.GetValue<string>();
        } while (cursor is not null);
        Assert.Equal(5, seen.Count);
        Assert.Equal(seen.Distinct().OrderDescending(), seen);
        await Api.ProblemAsync(alice.GetAsync("/api/v1/me/audit?cursor=nonsense!"), HttpStatusCode.BadRequest, "validation_failed");
        await Api.ProblemAsync(alice.GetAsync("/api/v1/me/audit?limit=1000"), HttpStatusCode.BadRequest, "validation_failed");
    }

    [Theory, Engines]
    public async Task The_date_range_keeps_entries_from_inclusive_to_exclusive(Engine engine)
    {
        using var app = new EnclaveApp(engine);
        var alice = await app.SignUpAsync();
        await app.SignInAsync(alice.User!);
        var between = app.Clock.GetUtcNow().AddMinutes(1);
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await app.SignInAsync(alice.User!);
        var stamp = Uri.EscapeDataString(between.ToString("O"));
        var before = (await alice.GetOkAsync($"/api/v1/me/audit?to={stamp}"))["items"]!.AsArray();
        var after = (await alice.GetOkAsync($"/api/v1/me/audit?from={stamp}"))["items"]!.AsArray();
        Assert.Single(before);
        Assert.Single(after);
        Assert.NotEqual(before[0]!["id"]!.GetValue<Guid>(), after[0]!["id"]!.GetValue<Guid>());
        await Api.ProblemAsync(alice.GetAsync($"/api/v1/me/audit?from={stamp}&to={stamp}"), HttpStatusCode.BadRequest, "validation_failed");
    }

    [Theory, Engines]
    public async Task The_csv_export_quotes_fields_and_defuses_formulas(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var evil = await app.SignUpAsync(firstName: "=HYPERLINK(\"http://x\",\"y\")", lastName: "O'Brien, Jr");
        await app.SignInAsync(evil.User!);
        await app.SignInAsync(evil.User!);

        var response = await evil.GetAsync("/api/v1/me/audit.csv");
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition!.ToString());
        var text = await response.Content.ReadAsStringAsync();
        var lines = text.Split("\r\n");
        Assert.Equal("id,at,action,actor_id,actor,subject_id,subject,organization_id,sphere_id,target_type,target_id,ip,detail", lines[0]);
        Assert.Equal("", lines[^1]);
        Assert.Equal(2, lines.Length - 2); // two sign-ins (signing up is not one), between the header and the final line end
        Assert.Contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\") O'Brien, Jr\",", lines[1]);
        Assert.Equal(AuditActions.SignIn, lines[1].Split(',')[2]);

        var viaQuery = await (await evil.GetAsync("/api/v1/me/audit?format=csv")).Content.ReadAsStringAsync();
        Assert.Equal(text.Split("\r\n").Length, viaQuery.Split("\r\n").Length);
        var filtered = await (await evil.GetAsync("/api/v1/me/audit.csv?action=token.")).Content.ReadAsStringAsync();
        Assert.Equal(2, filtered.Split("\r\n").Length);
    }

    [Fact]
    public void Cells_are_guarded_then_quoted()
    {
        Assert.Equal("'=1+1", AuditCsv.Cell("=1+1"));
        Assert.Equal("'+33 6", AuditCsv.Cell("+33 6"));
        Assert.Equal("'-2", AuditCsv.Cell("-2"));
        Assert.Equal("'@SUM(A1)", AuditCsv.Cell("@SUM(A1)"));
        Assert.Equal("'\tx", AuditCsv.Cell("\tx"));
        Assert.Equal("\"a,b\"", AuditCsv.Cell("a,b"));
        Assert.Equal("\"say \"\"hi\"\"\"", AuditCsv.Cell("say \"hi\""));
        Assert.Equal("\"line\nbreak\"", AuditCsv.Cell("line\nbreak"));
        Assert.Equal("member->manager", AuditCsv.Cell("member->manager"));
        Assert.Equal("", AuditCsv.Cell(null));
    }

    [Theory, Engines]
    public async Task Names_are_resolved_when_read_and_a_vanished_account_is_a_former_member(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var admin = await app.PlatformAdminAsync();
        var ghostId = Ids.New();
        using (var scope = app.Services.CreateScope())
        {
            var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
            await audit.WriteAsync(AuditActions.SignIn, ghostId, new AuditTarget(SubjectUserId: ghostId), CancellationToken.None);
        }
        var entries = (await admin.GetOkAsync("/api/v1/admin/audit?action=auth.sign_in&limit=100"))["items"]!.AsArray();
        var ghost = Assert.Single(entries, e => e!["subjectUserId"]?.GetValue<Guid>() == ghostId);
        Assert.Equal(AuditReader.FormerMember, ghost!["subjectName"]!.GetValue<string>());
        Assert.Equal(AuditReader.FormerMember, ghost["actorName"]!.GetValue<string>());

        // A renamed person shows their current name in old entries: the name was never stored.
        var alice = await app.SignUpAsync(firstName: "Before");
        await app.SignInAsync(alice.User!);
        await alice.PatchOkAsync("/api/v1/me", new { firstName = "After" });
        var mine = (await alice.GetOkAsync("/api/v1/me/audit"))["items"]!.AsArray();
        Assert.All(mine, e => Assert.StartsWith("After", e!["subjectName"]!.GetValue<string>()));
    }

    [Theory, Engines]
    public async Task No_endpoint_edits_or_deletes_entries(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var admin = await app.PlatformAdminAsync();
        var entry = (await admin.GetOkAsync("/api/v1/admin/audit?limit=1"))["items"]!.AsArray()[0]!;
        foreach (var method in new[] { HttpMethod.Delete, HttpMethod.Put, HttpMethod.Patch })
        {
            var response = await admin.SendRawAsync(method, $"/api/v1/admin/audit/{entry["id"]}", "{}");
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, response.StatusCode.ToString());
            var onList = await admin.SendRawAsync(method, "/api/v1/admin/audit", "{}");
            Assert.Equal(HttpStatusCode.MethodNotAllowed, onList.StatusCode);
        }
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EnclaveDb>();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Id == entry["id"]!.GetValue<Guid>()));
    }
}

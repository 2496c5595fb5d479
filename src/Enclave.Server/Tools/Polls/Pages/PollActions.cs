using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Live;
using Enclave.Server.Ui;
using Microsoft.AspNetCore.Mvc;

namespace Enclave.Server.Tools.Polls.Pages;

/// <summary>The poll page's buttons: each calls the API's handler (same gate, same rules), then goes back.</summary>
public static class PollActions
{
    public static void MapPollActions(RouteGroupBuilder ui)
    {
        ui.MapPost("/polls/{id:guid}/vote", async (Guid id, HttpContext http, [FromForm] string? returnUrl, [FromForm] string? other,
            Viewer viewer, AccessGate gate, EnclaveDb db, PollService polls, PollViews views, LivePublisher live, CancellationToken ct) =>
        {
            var form = await http.Request.ReadFormAsync(ct);
            var optionIds = form["optionIds"].Select(s => Guid.TryParse(s, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).Distinct().Take(PollRules.MaxOptions + 1).ToList();
            await PollEndpoints.Vote(id, new VoteRequest(optionIds, other), viewer, gate, db, polls, views, live, ct);
            return UiActions.Back(http, returnUrl);
        });
        ui.MapPost("/polls/{id:guid}/retract", async (Guid id, HttpContext http, [FromForm] string? returnUrl,
            Viewer viewer, AccessGate gate, EnclaveDb db, PollService polls, LivePublisher live, CancellationToken ct) =>
        {
            await PollEndpoints.Retract(id, viewer, gate, db, polls, live, ct);
            return UiActions.Back(http, returnUrl);
        });
        ui.MapPost("/polls/{id:guid}/close", async (Guid id, HttpContext http, [FromForm] string? returnUrl,
            Viewer viewer, AccessGate gate, EnclaveDb db, PollService polls, PollViews views, LivePublisher live, CancellationToken ct) =>
        {
            await PollEndpoints.Close(id, viewer, gate, db, polls, views, live, ct);
            return UiActions.Back(http, returnUrl);
        });
        ui.MapPost("/polls/{id:guid}/delete", async (Guid id, HttpContext http, [FromForm] string? returnUrl,
            Viewer viewer, AccessGate gate, EnclaveDb db, PollService polls, LivePublisher live, CancellationToken ct) =>
        {
            await PollEndpoints.Delete(id, viewer, gate, db, polls, live, ct);
            return UiActions.Back(http, returnUrl);
        });
    }
}

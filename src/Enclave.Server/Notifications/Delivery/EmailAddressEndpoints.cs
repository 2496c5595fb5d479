using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Mail;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Notifications.Delivery;

public sealed record AddEmailAddressRequest(string? Address);

public sealed record ConfirmEmailAddressRequest(string? Token);

public sealed record EmailAddressView(Guid Id, string Address, bool Confirmed, DateTime CreatedAt);

public sealed record EmailAddressesResponse(string Primary, List<EmailAddressView> Addresses);

/// <summary>An organization's address; <c>addressId</c> null is the account's own email.</summary>
public sealed record OrganizationAddressRequest(Guid? AddressId);

public sealed record OrganizationAddressResponse(Guid OrganizationId, Guid? AddressId, string Address);

/// <summary>Extra addresses for notification email, each confirmed by a link, chosen per organization.</summary>
public static class EmailAddressEndpoints
{
    private const int MaxAddresses = 10;

    public static void MapEmailAddresses(this RouteGroupBuilder api)
    {
        api.MapGet("/me/email-addresses", List).WithTags("Notifications");
        api.MapPost("/me/email-addresses", Add).WithTags("Notifications");
        api.MapDelete("/me/email-addresses/{id:guid}", Remove).WithTags("Notifications");
        api.MapPost("/email-addresses/confirm", Confirm).WithTags("Notifications");
        api.MapGet("/organizations/{id:guid}/notification-address", GetForOrganization).WithTags("Notifications");
        api.MapPut("/organizations/{id:guid}/notification-address", SetForOrganization).WithTags("Notifications");
    }

    internal static async Task<Ok<EmailAddressesResponse>> List(Viewer viewer, EnclaveDb db, CancellationToken ct)
    {
        var userId = viewer.Id;
        var primary = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstAsync(ct);
        var rows = await db.Set<EmailAddress>().AsNoTracking().Where(a => a.UserId == userId).OrderBy(a => a.Id)
            .Select(a => new EmailAddressView(a.Id, a.Address, a.ConfirmedAt != null, a.CreatedAt)).ToListAsync(ct);
        return TypedResults.Ok(new EmailAddressesResponse(primary, rows));
    }

    /// <summary>Adds an address and mails it a confirmation link; adding it again sends a fresh link.</summary>
    internal static async Task<Created<EmailAddressView>> Add(AddEmailAddressRequest request, Viewer viewer, EnclaveDb db, IMailSender mail, MailLinks links,
        TimeProvider clock, ILogger<EmailAddressView> logger, CancellationToken ct)
    {
        new Validation().Email("address", request.Address).ThrowIfAny();
        var userId = viewer.Id;
        var address = request.Address!.Trim();
        var normalized = address.ToLowerInvariant();
        var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == userId, ct);
        if (user.NormalizedEmail == normalized) Validation.Field("address", "is already your account's email.");
        var row = await db.Set<EmailAddress>().FirstOrDefaultAsync(a => a.UserId == userId && a.NormalizedAddress == normalized, ct);
        if (row?.ConfirmedAt is not null) Validation.Field("address", "is already confirmed.");
        if (row is null && await db.Set<EmailAddress>().CountAsync(a => a.UserId == userId, ct) >= MaxAddresses)
            Validation.Field("address", $"would exceed {MaxAddresses} addresses.");
        var secret = Secrets.New("ecf_");
        if (row is null)
            db.Add(row = new EmailAddress { Id = Ids.New(), UserId = userId, Address = address, NormalizedAddress = normalized, CreatedAt = clock.GetUtcNow().UtcDateTime });
        row.TokenHash = Secrets.Hash(secret);
        await db.SaveChangesAsync(ct);
        try
        {
            await mail.SendAsync(AddressConfirmationMail.Compose(address, user, links.For("/confirm-email?token=" + Uri.EscapeDataString(secret))), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The address is recorded; adding it again sends a new link.
            logger.LogWarning(e, "Confirmation email for an added address failed");
        }
        return TypedResults.Created($"/api/v1/me/email-addresses/{row.Id}", new EmailAddressView(row.Id, row.Address, false, row.CreatedAt));
    }

    /// <summary>Confirms by the link's secret alone (the link may be opened in another browser); a used or unknown one is a 400.</summary>
    internal static async Task<Ok<EmailAddressView>> Confirm(ConfirmEmailAddressRequest request, EnclaveDb db, TimeProvider clock, CancellationToken ct)
    {
        new Validation().Text("token", request.Token, 1, 200).ThrowIfAny();
        var hash = Secrets.Hash(request.Token!.Trim());
        var row = await db.Set<EmailAddress>().FirstOrDefaultAsync(a => a.TokenHash == hash, ct);
        if (row is null) throw new ProblemException(StatusCodes.Status400BadRequest, "confirmation_token_invalid", "This confirmation link is not valid or was already used.",
            new Dictionary<string, string[]> { ["token"] = ["is not a valid confirmation token."] });
        row.TokenHash = null;
        row.ConfirmedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new EmailAddressView(row.Id, row.Address, true, row.CreatedAt));
    }

    internal static async Task<NoContent> Remove(Guid id, Viewer viewer, EnclaveDb db, CancellationToken ct)
    {
        var userId = viewer.Id;
        // The organization choices naming it go with it (cascade): those organizations fall back to the account's email.
        if (await db.Set<EmailAddress>().Where(a => a.Id == id && a.UserId == userId).ExecuteDeleteAsync(ct) == 0) throw ProblemException.NotFound("email address");
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<OrganizationAddressResponse>> GetForOrganization(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken ct)
    {
        await ChannelEndpoints.MemberOrganizationAsync(gate, viewer, id, ct);
        var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == viewer.Id, ct);
        var chosen = await db.Set<OrganizationEmailChoice>().AsNoTracking().Where(c => c.UserId == user.Id && c.OrganizationId == id)
            .Join(db.Set<EmailAddress>(), c => c.EmailAddressId, a => a.Id, (c, a) => a).FirstOrDefaultAsync(ct);
        return TypedResults.Ok(new OrganizationAddressResponse(id, chosen?.Id, chosen?.Address ?? user.Email));
    }

    internal static async Task<Ok<OrganizationAddressResponse>> SetForOrganization(Guid id, OrganizationAddressRequest request, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken ct)
    {
        await ChannelEndpoints.MemberOrganizationAsync(gate, viewer, id, ct);
        var userId = viewer.Id;
        EmailAddress? address = null;
        if (request.AddressId is { } addressId)
        {
            address = await db.Set<EmailAddress>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == addressId && a.UserId == userId, ct);
            if (address is null) Validation.Field("addressId", "is not one of your addresses.");
            if (address!.ConfirmedAt is null) Validation.Field("addressId", "is not confirmed yet.");
        }
        var choice = await db.Set<OrganizationEmailChoice>().FirstOrDefaultAsync(c => c.UserId == userId && c.OrganizationId == id, ct);
        if (address is null && choice is not null) db.Remove(choice);
        else if (address is not null)
        {
            if (choice is null) db.Add(choice = new OrganizationEmailChoice { Id = Ids.New(), UserId = userId, OrganizationId = id, EmailAddressId = address.Id });
            choice.EmailAddressId = address.Id;
        }
        await db.SaveChangesAsync(ct);
        return await GetForOrganization(id, viewer, gate, db, ct);
    }
}

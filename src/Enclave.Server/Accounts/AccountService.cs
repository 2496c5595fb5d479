using Enclave.Server.Data;
using Enclave.Server.Organizations;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Accounts;

public sealed record SignupRequest(string? UserName, string? FirstName, string? LastName, string? Email, string? Password, string? Language, SessionMode? Mode = null);

/// <summary>Creates accounts (API sign-up and the <c>admin create</c> command share it) and checks passwords.</summary>
public sealed class AccountService(EnclaveDb db, IPasswordHasher<User> hasher, TimeProvider clock)
{
    public async Task<User> CreateAsync(SignupRequest request, bool platformAdmin, CancellationToken cancellationToken)
    {
        var v = new Validation()
            .UserName("userName", request.UserName)
            .Text("firstName", request.FirstName, 1, 100)
            .Text("lastName", request.LastName, 1, 100)
            .Email("email", request.Email)
            .Password("password", request.Password, request.UserName, request.Email)
            .Language("language", request.Language);
        v.ThrowIfAny();

        var userName = request.UserName!.Trim();
        var normalizedName = AccountRules.Normalize(userName);
        var normalizedEmail = AccountRules.Normalize(request.Email!);
        if (await db.Users.AnyAsync(u => u.NormalizedUserName == normalizedName, cancellationToken))
            throw new ProblemException(409, "username_taken", "This user name is already taken.", Field("userName", "is already taken."));
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalizedEmail, cancellationToken))
            throw new ProblemException(409, "email_taken", "An account already uses this email.", Field("email", "is already used by an account."));

        var now = clock.GetUtcNow().UtcDateTime;
        var user = new User
        {
            Id = Ids.New(),
            UserName = userName,
            NormalizedUserName = normalizedName,
            FirstName = request.FirstName!.Trim(),
            LastName = request.LastName!.Trim(),
            Email = request.Email!.Trim(),
            NormalizedEmail = normalizedEmail,
            PasswordHash = "",
            IsPlatformAdmin = platformAdmin,
            Language = request.Language ?? "en",
            CreatedAt = now,
        };
        user.PasswordHash = hasher.HashPassword(user, request.Password!);
        var personalId = Ids.New();
        var personal = new Organization { Id = personalId, RootId = personalId, Name = user.DisplayName, IsPersonal = true, CreatedAt = now };
        user.PersonalOrganizationId = personal.Id;
        db.Users.Add(user);
        db.Organizations.Add(personal);
        db.OrganizationMembers.Add(new OrganizationMember { Id = Ids.New(), OrganizationId = personal.Id, UserId = user.Id, Role = OrganizationRole.Manager, JoinedAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two sign-ups raced for the same name or email; the unique index decided.
            throw new ProblemException(409, "username_taken", "This user name or email is already taken.", Field("userName", "is already taken."));
        }
        return user;
    }

    public bool VerifyPassword(User user, string password)
    {
        var result = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.SuccessRehashNeeded) user.PasswordHash = hasher.HashPassword(user, password);
        return result != PasswordVerificationResult.Failed;
    }

    private static readonly User Nobody = new()
    {
        UserName = "", NormalizedUserName = "", FirstName = "", LastName = "", Email = "", NormalizedEmail = "", PasswordHash = "",
    };
    private static string? _nobodyHash;

    /// <summary>
    /// Spends the time of a real password check when the login matches no account, so that the
    /// response time does not tell which user names and emails exist.
    /// </summary>
    public void VerifyAgainstNobody(string password)
    {
        _nobodyHash ??= hasher.HashPassword(Nobody, "no account has this password");
        hasher.VerifyHashedPassword(Nobody, _nobodyHash, password);
    }

    public void SetPassword(User user, string password) => user.PasswordHash = hasher.HashPassword(user, password);

    private static Dictionary<string, string[]> Field(string name, string message) => new() { [name] = [message] };
}

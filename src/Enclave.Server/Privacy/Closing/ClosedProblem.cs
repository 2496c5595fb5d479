using System.Globalization;
using Enclave.Server.Accounts;
using Enclave.Server.Web;

namespace Enclave.Server.Privacy.Closing;

public static class ClosedProblem
{
    public const string Code = "account_closed";

    /// <summary>Signing in to a closed account: the problem names the purge date, so the person knows how long they may restore it.</summary>
    public static ProblemException For(User user) =>
        new(403, Code, "This account is closed. It can be restored until its purge date.",
            new Dictionary<string, string[]> { ["purgeAfter"] = [(user.PurgeAfter ?? DateTime.UtcNow).ToString("O", CultureInfo.InvariantCulture)] });
}

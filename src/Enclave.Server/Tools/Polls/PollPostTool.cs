using System.Text.Json.Nodes;
using Enclave.Server.Access;
using Enclave.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Enclave.Server.Tools.Polls;

/// <summary>Posts carry polls into the feed: the card shows the question, the state and how many voted (never the split before it may be seen).</summary>
/// <remarks>The summary and state words follow the request's language (the web page shows them as they are).</remarks>
public sealed class PollPostTool(EnclaveDb db, TimeProvider clock, IStringLocalizer<Pages.Text> text) : IPostTool
{
    public const string KindName = "poll";

    public string Kind => KindName;

    public Task<bool> CanAttachAsync(SphereAccess access, Guid authorId, Guid itemId, CancellationToken cancellationToken) =>
        db.Set<Poll>().AnyAsync(p => p.Id == itemId && p.SphereId == access.Sphere.Id, cancellationToken);

    public async Task<IReadOnlyDictionary<Guid, ToolCard>> CardsAsync(Viewer viewer, IReadOnlyCollection<Guid> itemIds, CancellationToken cancellationToken)
    {
        var ids = itemIds.ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var polls = await db.Set<Poll>().AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { Poll = p, Ballots = db.Set<PollBallot>().Count(b => b.PollId == p.Id) }).ToListAsync(cancellationToken);
        return polls.ToDictionary(p => p.Poll.Id, p =>
        {
            var closed = p.Poll.IsClosed(now);
            return new ToolCard(KindName, p.Poll.Id, p.Poll.Question, p.Ballots == 1 ? text["1 vote"] : text["{0} votes", p.Ballots], $"/polls/{p.Poll.Id}",
                closed ? text["Ended"] : text["In progress"], new JsonObject { ["ballots"] = p.Ballots, ["closed"] = closed, ["closesAt"] = p.Poll.ClosesAt });
        });
    }
}

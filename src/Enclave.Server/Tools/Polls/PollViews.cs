using Enclave.Server.Access;
using Enclave.Server.Accounts;
using Enclave.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Polls;

/// <summary>
/// Builds poll answers for one viewer in a few queries per page (never one per poll). Counts leave
/// the database only when <see cref="ResultsVisible"/> allows; voters' names only for named polls.
/// </summary>
public sealed class PollViews(EnclaveDb db, AccessGate gate, TimeProvider clock)
{
    /// <summary>Closed polls show their results to every reader; open ones only to those who voted, when the author chose so.</summary>
    public static bool ResultsVisible(Poll poll, bool voted, DateTime now) =>
        poll.IsClosed(now) || (poll.ResultsVisibility == PollResultsVisibility.AfterVote && voted);

    public async Task<PollResponse> BuildOneAsync(Poll poll, SphereAccess access, Viewer viewer, CancellationToken cancellationToken)
    {
        var view = (await BuildAsync([poll], access, viewer, true, cancellationToken))[0];
        var postId = await gate.VisiblePosts(viewer.UserId).Where(p => p.ToolKind == PollPostTool.KindName && p.ToolItemId == poll.Id)
            .OrderBy(p => p.Id).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(cancellationToken);
        return view with { PostId = postId };
    }

    public async Task<IReadOnlyList<PollResponse>> BuildAsync(IReadOnlyList<Poll> polls, SphereAccess access, Viewer viewer, bool detailed, CancellationToken cancellationToken)
    {
        if (polls.Count == 0) return [];
        var now = clock.GetUtcNow().UtcDateTime;
        var ids = polls.Select(p => p.Id).ToList();
        var options = (await db.Set<PollOption>().AsNoTracking().Where(o => ids.Contains(o.PollId)).OrderBy(o => o.Position).ToListAsync(cancellationToken))
            .ToLookup(o => o.PollId);
        var ballotCounts = await db.Set<PollBallot>().Where(b => ids.Contains(b.PollId)).GroupBy(b => b.PollId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var mine = new Dictionary<Guid, MyVoteResponse>();
        if (viewer.UserId is { } me)
        {
            var ballots = await db.Set<PollBallot>().AsNoTracking().Where(b => ids.Contains(b.PollId) && b.UserId == me).ToListAsync(cancellationToken);
            var ballotIds = ballots.Select(b => b.Id).ToList();
            var chosen = (await db.Set<PollChoice>().AsNoTracking().Where(c => ballotIds.Contains(c.BallotId)).ToListAsync(cancellationToken)).ToLookup(c => c.BallotId);
            foreach (var b in ballots)
            {
                var order = options[b.PollId].Select(o => o.Id).ToList();
                mine[b.PollId] = new MyVoteResponse(chosen[b.Id].Select(c => c.OptionId).OrderBy(order.IndexOf).ToList(), b.OtherText);
            }
        }
        var visible = polls.Where(p => ResultsVisible(p, mine.ContainsKey(p.Id), now)).Select(p => p.Id).ToList();
        var counts = visible.Count == 0 ? [] : await db.Set<PollChoice>().Where(c => visible.Contains(c.PollId)).GroupBy(c => new { c.PollId, c.OptionId })
            .Select(g => new { g.Key.PollId, g.Key.OptionId, Count = g.Count() }).ToListAsync(cancellationToken);
        var others = visible.Count == 0 ? [] : await db.Set<PollBallot>().Where(b => visible.Contains(b.PollId) && b.OtherText != null).GroupBy(b => b.PollId)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var authorIds = polls.Select(p => p.AuthorId).Distinct().ToList();
        var authors = await db.Users.AsNoTracking().Where(u => authorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, UserSummary.From, cancellationToken);

        var result = new List<PollResponse>();
        foreach (var poll in polls)
        {
            var closed = poll.IsClosed(now);
            PollResultsResponse? results = null;
            if (visible.Contains(poll.Id))
            {
                var byOption = counts.Where(c => c.PollId == poll.Id).ToDictionary(c => c.OptionId, c => c.Count);
                var voters = detailed && !poll.Anonymous ? await VotersAsync(poll.Id, cancellationToken) : null;
                results = new PollResultsResponse(ballotCounts.GetValueOrDefault(poll.Id),
                    options[poll.Id].Select(o => new OptionResultResponse(o.Id, byOption.GetValueOrDefault(o.Id),
                        voters is null ? null : voters[o.Id].Take(PollRules.MaxVotersShown).ToList())).ToList(),
                    others.FirstOrDefault(o => o.Key == poll.Id)?.Count ?? 0,
                    detailed ? await OtherAnswersAsync(poll, cancellationToken) : null);
            }
            result.Add(new PollResponse(poll.Id, poll.OrganizationId, poll.SphereId, authors[poll.AuthorId], poll.Question,
                options[poll.Id].Select(o => new PollOptionResponse(o.Id, o.Text)).ToList(), poll.Multiple, poll.MaxChoices, poll.AllowOther,
                poll.Anonymous, poll.ResultsVisibility, poll.ClosesAt, poll.ClosedAt, closed, poll.CreatedAt, ballotCounts.GetValueOrDefault(poll.Id),
                mine.GetValueOrDefault(poll.Id), !closed && access.CanUseTools,
                !closed && (viewer.UserId == poll.AuthorId || access.ActsAsStaff), results, null));
        }
        return result;
    }

    /// <summary>Named polls: who chose each option, by name.</summary>
    private async Task<ILookup<Guid, UserSummary>> VotersAsync(Guid pollId, CancellationToken cancellationToken)
    {
        var rows = await (from c in db.Set<PollChoice>().Where(c => c.PollId == pollId)
                          join b in db.Set<PollBallot>() on c.BallotId equals b.Id
                          join u in db.Users on b.UserId equals u.Id
                          select new { c.OptionId, User = u }).AsNoTracking().ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.User.DisplayName, StringComparer.CurrentCultureIgnoreCase).ToLookup(r => r.OptionId, r => UserSummary.From(r.User));
    }

    /// <summary>The free-text answers, in alphabetical order (never in voting order); with their authors for named polls.</summary>
    private async Task<IReadOnlyList<OtherAnswerResponse>> OtherAnswersAsync(Poll poll, CancellationToken cancellationToken)
    {
        if (!poll.AllowOther) return [];
        var rows = await (from b in db.Set<PollBallot>().Where(b => b.PollId == poll.Id && b.OtherText != null)
                          join u in db.Users on b.UserId equals u.Id
                          select new { Text = b.OtherText!, User = u }).AsNoTracking().Take(500).ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.Text, StringComparer.CurrentCultureIgnoreCase)
            .Select(r => new OtherAnswerResponse(r.Text, poll.Anonymous ? null : UserSummary.From(r.User))).ToList();
    }
}

using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Posts;
using Enclave.Server.Web;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Polls;

/// <summary>Writing polls and votes. One vote per member is the database's unique (poll, user) index; see <see cref="VoteAsync"/>.</summary>
public sealed class PollService(EnclaveDb db, TimeProvider clock, PostService posts)
{
    public async Task<(Poll Poll, Post? Post)> CreateAsync(SphereAccess access, Viewer viewer, CreatePollRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var v = new Validation().Text("question", request.Question, 1, PollRules.MaxQuestion);
        var options = (request.Options ?? []).Select(o => o?.Trim() ?? "").ToList();
        if (options.Count is < PollRules.MinOptions or > PollRules.MaxOptions)
            v.Add("options", $"give between {PollRules.MinOptions} and {PollRules.MaxOptions} options.");
        for (var i = 0; i < options.Count; i++) v.Text($"options[{i}]", options[i], 1, PollRules.MaxOption);
        if (options.Where(o => o.Length > 0).GroupBy(o => o, StringComparer.CurrentCultureIgnoreCase).Any(g => g.Count() > 1))
            v.Add("options", "each option must be different.");
        var multiple = request.Multiple ?? false;
        var allowOther = request.AllowOther ?? false;
        if (request.MaxChoices is { } max)
        {
            if (!multiple) v.Add("maxChoices", "only for a multiple-choice poll.");
            else if (max < 1 || max > options.Count + (allowOther ? 1 : 0)) v.Add("maxChoices", "must be between 1 and the number of choices.");
        }
        if (request.ClosesAt is { } closesAt && (closesAt.ToUniversalTime() <= now || closesAt.ToUniversalTime() > now + PollRules.MaxOpenFor))
            v.Add("closesAt", "must be in the future, within a year.");
        if (request.Message is not null) PostService.Body(v, "message", request.Message);
        v.ThrowIfAny();
        if (!access.CanPost) throw ProblemException.Forbidden("cannot_post", "You cannot create polls in this sphere.");

        var poll = new Poll
        {
            Id = Ids.New(), OrganizationId = access.Sphere.OrganizationId, SphereId = access.Sphere.Id, AuthorId = viewer.Id,
            Question = request.Question!.Trim(), Multiple = multiple, MaxChoices = multiple ? request.MaxChoices : null, AllowOther = allowOther,
            Anonymous = request.Anonymous ?? true, ResultsVisibility = request.ResultsVisibility ?? PollResultsVisibility.AfterVote,
            ClosesAt = request.ClosesAt?.ToUniversalTime(), CreatedAt = now,
        };
        // The poll, its options and its feed post stand or fall together.
        return await db.InTransactionAsync(async () =>
        {
            db.Add(poll);
            for (var i = 0; i < options.Count; i++)
                db.Add(new PollOption { Id = Ids.New(), OrganizationId = poll.OrganizationId, PollId = poll.Id, Position = i, Text = options[i] });
            await db.SaveChangesAsync(cancellationToken);
            Post? post = null;
            if (request.ShareInFeed ?? true)
                post = await posts.CreateAsync(access, viewer, new CreatePostRequest(string.IsNullOrWhiteSpace(request.Message) ? poll.Question : request.Message,
                    null, false, null, null, null, null) { Tool = new ToolReference(PollPostTool.KindName, poll.Id) }, null, cancellationToken);
            return (poll, post);
        }, cancellationToken);
    }

    /// <summary>
    /// Casts or replaces the viewer's vote. The ballot row is unique per (poll, user): of parallel
    /// first votes one insert wins and the others retry as a change. A change first updates the
    /// ballot row, which locks it until commit, so parallel changes by one person apply one after
    /// the other and the final choices are exactly those of one request, never a mix.
    /// </summary>
    public async Task VoteAsync(Poll poll, Viewer viewer, VoteRequest request, CancellationToken cancellationToken)
    {
        var optionIds = (request.OptionIds ?? []).Distinct().ToList();
        var other = string.IsNullOrWhiteSpace(request.Other) ? null : request.Other.Trim();
        var v = new Validation();
        if (other is not null && !poll.AllowOther) v.Add("other", "this poll has no free answer.");
        v.OptionalText("other", other, PollRules.MaxOther);
        var choices = optionIds.Count + (other is null ? 0 : 1);
        if (choices == 0) v.Add("optionIds", "choose at least one option.");
        else if (!poll.Multiple && choices > 1) v.Add("optionIds", "choose only one answer.");
        else if (poll.MaxChoices is { } max && choices > max) v.Add("optionIds", $"choose at most {max} answers.");
        v.ThrowIfAny();
        var known = await db.Set<PollOption>().Where(o => o.PollId == poll.Id && optionIds.Contains(o.Id)).CountAsync(cancellationToken);
        if (known != optionIds.Count) Validation.Field("optionIds", "contains an option that is not one of this poll's.");
        RequireOpen(poll);

        var userId = viewer.Id;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await db.InTransactionAsync(() => WriteBallotAsync(poll, userId, optionIds, other, cancellationToken), cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt < 4)
            {
                // Another request of the same person inserted the ballot first: do it again as a change.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task WriteBallotAsync(Poll poll, Guid userId, IReadOnlyList<Guid> optionIds, string? other, CancellationToken cancellationToken)
    {
        var castAt = poll.Anonymous ? (DateTime?)null : clock.GetUtcNow().UtcDateTime;
        var ballotId = await db.Set<PollBallot>().Where(b => b.PollId == poll.Id && b.UserId == userId).Select(b => (Guid?)b.Id).FirstOrDefaultAsync(cancellationToken);
        if (ballotId is null)
        {
            // Anonymous ballots get a random id: a time-ordered one would record when the person voted.
            var ballot = new PollBallot
            {
                Id = poll.Anonymous ? Guid.NewGuid() : Ids.New(), OrganizationId = poll.OrganizationId, SphereId = poll.SphereId,
                PollId = poll.Id, UserId = userId, OtherText = other, CastAt = castAt,
            };
            db.Add(ballot);
            await db.SaveChangesAsync(cancellationToken);
            ballotId = ballot.Id;
        }
        else
        {
            var updated = await db.Set<PollBallot>().Where(b => b.Id == ballotId)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.OtherText, other).SetProperty(b => b.CastAt, castAt), cancellationToken);
            if (updated == 0) throw new DbUpdateException("The ballot was removed meanwhile.");
            await db.Set<PollChoice>().Where(c => c.BallotId == ballotId).ExecuteDeleteAsync(cancellationToken);
        }
        foreach (var optionId in optionIds)
            db.Add(new PollChoice { BallotId = ballotId.Value, OptionId = optionId, OrganizationId = poll.OrganizationId, PollId = poll.Id });
    }

    /// <summary>Takes the viewer's vote back (while the poll is open).</summary>
    public async Task RetractAsync(Poll poll, Viewer viewer, CancellationToken cancellationToken)
    {
        RequireOpen(poll);
        var userId = viewer.Id;
        await db.Set<PollBallot>().Where(b => b.PollId == poll.Id && b.UserId == userId).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task CloseAsync(Poll poll, SphereAccess access, Viewer viewer, CancellationToken cancellationToken)
    {
        RequireAuthorOrStaff(poll, access, viewer, "Only the poll's author and the sphere's staff can close it.");
        RequireOpen(poll);
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Set<Poll>().Where(p => p.Id == poll.Id && p.ClosedAt == null).ExecuteUpdateAsync(s => s.SetProperty(p => p.ClosedAt, now), cancellationToken);
    }

    /// <summary>Deletes the poll with its votes; posts that carried it simply show without it.</summary>
    public async Task DeleteAsync(Poll poll, SphereAccess access, Viewer viewer, CancellationToken cancellationToken)
    {
        RequireAuthorOrStaff(poll, access, viewer, "Only the poll's author and the sphere's staff can delete it.");
        await db.Set<Poll>().Where(p => p.Id == poll.Id).ExecuteDeleteAsync(cancellationToken);
    }

    private void RequireOpen(Poll poll)
    {
        if (poll.IsClosed(clock.GetUtcNow().UtcDateTime)) throw ProblemException.Conflict("poll_closed", "This poll is closed.");
    }

    private static void RequireAuthorOrStaff(Poll poll, SphereAccess access, Viewer viewer, string refusal)
    {
        if (viewer.UserId != poll.AuthorId && !access.ActsAsStaff)
            throw ProblemException.Forbidden("not_author", refusal);
    }
}

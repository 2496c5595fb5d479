using Enclave.Server.Accounts;

namespace Enclave.Server.Tools.Polls;

/// <param name="ShareInFeed">Also publish a post carrying the poll in the sphere's feed (default true).</param>
/// <param name="Message">The text of that post; the question when empty.</param>
public sealed record CreatePollRequest(string? Question, IReadOnlyList<string>? Options, bool? Multiple, int? MaxChoices, bool? AllowOther,
    bool? Anonymous, PollResultsVisibility? ResultsVisibility, DateTime? ClosesAt, bool? ShareInFeed, string? Message);

/// <param name="OptionIds">The chosen options (one for a single-choice poll).</param>
/// <param name="Other">The free-text answer, when the poll allows one; it counts as a choice.</param>
public sealed record VoteRequest(IReadOnlyList<Guid>? OptionIds, string? Other);

public sealed record PollOptionResponse(Guid Id, string Text);

public sealed record MyVoteResponse(IReadOnlyList<Guid> OptionIds, string? Other);

/// <param name="Voters">Named polls only: who chose this option (at most 200 listed); null for anonymous polls.</param>
public sealed record OptionResultResponse(Guid OptionId, int Count, IReadOnlyList<UserSummary>? Voters);

/// <param name="Voter">Named polls only.</param>
public sealed record OtherAnswerResponse(string Text, UserSummary? Voter);

/// <param name="Ballots">How many members voted.</param>
/// <param name="Other">The free-text answers (single poll views only; null in lists).</param>
public sealed record PollResultsResponse(int Ballots, IReadOnlyList<OptionResultResponse> Options, int OtherCount, IReadOnlyList<OtherAnswerResponse>? Other);

/// <param name="Closed">No more votes: closed early, or the closing date passed.</param>
/// <param name="BallotCount">How many members voted (always shown; the split between options only with <see cref="Results"/>).</param>
/// <param name="MyVote">The viewer's own vote, if any: only ever the viewer's own.</param>
/// <param name="Results">Present only when the viewer may see the results (see <see cref="ResultsVisibility"/>).</param>
/// <param name="PostId">The feed post carrying this poll (single poll views only).</param>
public sealed record PollResponse(Guid Id, Guid OrganizationId, Guid SphereId, UserSummary Author, string Question,
    IReadOnlyList<PollOptionResponse> Options, bool Multiple, int? MaxChoices, bool AllowOther, bool Anonymous,
    PollResultsVisibility ResultsVisibility, DateTime? ClosesAt, DateTime? ClosedAt, bool Closed, DateTime CreatedAt, int BallotCount,
    MyVoteResponse? MyVote, bool CanVote, bool CanClose, PollResultsResponse? Results, Guid? PostId);

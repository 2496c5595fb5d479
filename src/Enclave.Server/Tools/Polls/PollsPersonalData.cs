using Enclave.Server.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Polls;

/// <summary>
/// Polls' part in closing an account and in the data export. Deleting everything removes the
/// person's polls (with everyone's votes on them) and their votes. Anonymizing keeps both: the
/// polls stay authored by "Former member" and their votes keep counting, named under "Former member".
/// </summary>
public sealed class PollsPersonalData : IPersonalDataEraser, IPersonalDataExporter
{
    public async Task EraseAsync(PersonalDataErasure erasure, CancellationToken cancellationToken)
    {
        if (erasure.Choice != ClosingChoice.DeleteEverything) return;
        var db = erasure.Db;
        var id = erasure.UserId;
        await db.Set<PollBallot>().Where(b => b.UserId == id).ExecuteDeleteAsync(cancellationToken);
        await db.Set<Poll>().Where(p => p.AuthorId == id).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task ExportAsync(PersonalDataExport export, CancellationToken cancellationToken)
    {
        var db = export.Db;
        var id = export.UserId;
        var polls = await db.Set<Poll>().AsNoTracking().Where(p => p.AuthorId == id).OrderBy(p => p.Id)
            .Select(p => new
            {
                p.Id, p.OrganizationId, p.SphereId, p.Question, p.Multiple, p.MaxChoices, p.AllowOther, p.Anonymous,
                ResultsVisibility = p.ResultsVisibility.ToString(), p.ClosesAt, p.ClosedAt, p.CreatedAt,
                Options = db.Set<PollOption>().Where(o => o.PollId == p.Id).OrderBy(o => o.Position).Select(o => o.Text).ToList(),
            }).ToListAsync(cancellationToken);
        await export.Archive.AddJsonAsync("polls/polls.json", polls, cancellationToken);
        // The person's own votes: theirs to take, anonymous polls included.
        var votes = await (from b in db.Set<PollBallot>().Where(b => b.UserId == id)
                           join p in db.Set<Poll>() on b.PollId equals p.Id
                           orderby p.Id
                           select new
                           {
                               PollId = p.Id, p.SphereId, p.Question, b.OtherText, b.CastAt,
                               Options = (from c in db.Set<PollChoice>().Where(c => c.BallotId == b.Id)
                                          join o in db.Set<PollOption>() on c.OptionId equals o.Id
                                          select o.Text).ToList(),
                           }).AsNoTracking().ToListAsync(cancellationToken);
        await export.Archive.AddJsonAsync("polls/votes.json", votes, cancellationToken);
    }
}

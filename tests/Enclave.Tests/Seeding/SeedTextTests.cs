using Enclave.Server.Posts.Rendering;
using Enclave.Server.Seeding;

namespace Enclave.Tests.Seeding;

/// <summary>The seeder writes each body's HTML directly; it must be exactly what the app's renderer makes of the Markdown.</summary>
public sealed class SeedTextTests
{
    [Fact]
    public void Generated_post_and_comment_html_is_what_the_apps_renderer_produces()
    {
        var rng = SeedRandom.For(7, 99);
        for (var i = 0; i < 400; i++)
        {
            var mentions = Enumerable.Range(0, rng.Next(3)).Select(_ => (SeedOptions.UserName(rng.Next(100_000)), rng.Id(DateTime.UtcNow))).DistinctBy(m => m.Item1).ToList();
            var tags = Enumerable.Range(0, rng.Next(4)).Select(_ => rng.Pick(SeedWords.Tags)).Distinct().ToList();
            var post = SeedText.Post(rng, rng.Chance(0.5), mentions, tags);
            var resolved = new ResolvedMentions(mentions.ToDictionary(m => m.Item1, m => m.Item2), new Dictionary<string, Guid>());
            Assert.Equal(MarkdownRenderer.Render(post.Markdown, resolved), post.Html);
            var references = MarkdownRenderer.Extract(post.Markdown);
            Assert.Equal(tags.Order(), references.Tags.Order());
            Assert.Equal(mentions.Select(m => m.Item1).Order(), references.UserNames.Order());

            var comment = SeedText.Comment(rng, rng.Chance(0.5));
            Assert.Equal(MarkdownRenderer.Render(comment.Markdown, ResolvedMentions.None), comment.Html);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_ids_and_another_seed_others()
    {
        var at = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        Assert.Equal(SeedRandom.For(42, 5).Id(at), SeedRandom.For(42, 5).Id(at));
        Assert.NotEqual(SeedRandom.For(42, 5).Id(at), SeedRandom.For(43, 5).Id(at));
        var id = SeedRandom.For(42, 5).Id(at);
        Assert.Equal(7, id.Version);
        Assert.StartsWith(((at.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond).ToString("x12"), id.ToString("N"));
    }
}

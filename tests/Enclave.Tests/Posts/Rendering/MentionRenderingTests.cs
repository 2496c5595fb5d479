using Enclave.Server.Posts.Rendering;

namespace Enclave.Tests.Posts.Rendering;

public sealed class MentionRenderingTests
{
    [Fact]
    public void References_are_found_outside_code_and_links()
    {
        var refs = MarkdownRenderer.Extract("Hi @Alice.Martin and @@Sales-Team, about #Budget2027.\n\n`@notme #nottag` [@nolink](https://example.org) mail a@b.org");
        Assert.Equal(["alice.martin"], refs.UserNames);
        Assert.Equal(["sales-team"], refs.GroupHandles);
        Assert.Equal(["budget2027"], refs.Tags);
    }

    [Fact]
    public void Resolved_mentions_become_links_and_unknown_ones_stay_text()
    {
        var alice = Guid.CreateVersion7();
        var group = Guid.CreateVersion7();
        var html = MarkdownRenderer.Render("Hi @alice, @bob and @@sales!",
            new ResolvedMentions(new Dictionary<string, Guid> { ["alice"] = alice }, new Dictionary<string, Guid> { ["sales"] = group }));
        Assert.Contains($"<a class=\"mention\" href=\"/people/{alice}\" data-user-id=\"{alice}\">@alice</a>", html);
        Assert.Contains("@bob and", html);
        Assert.DoesNotContain("data-user-id=\"\"", html);
        Assert.Contains($"data-group-id=\"{group}\">@@sales</span>!", html);
    }
}

using Enclave.Server.Search;

namespace Enclave.Tests.Search;

public sealed class SnippetsTests
{
    [Fact]
    public void Text_is_escaped_and_markers_become_mark_elements()
    {
        var html = Snippets.ToHtml($"<b>x</b> & {Snippets.Open}réunion{Snippets.Close} \"q\" 'a'");
        Assert.Equal("&lt;b&gt;x&lt;/b&gt; &amp; <mark>réunion</mark> &quot;q&quot; &#39;a&#39;", html);
    }

    [Theory]
    [InlineData("\uE000a\uE000b", "<mark>ab</mark>")]
    [InlineData("a\uE001b", "ab")]
    [InlineData("\uE000a", "<mark>a</mark>")]
    [InlineData("\uE000\uE000<x>\uE001\uE001", "<mark>&lt;x&gt;</mark>")]
    public void Markers_from_user_text_stay_balanced(string marked, string expected) => Assert.Equal(expected, Snippets.ToHtml(marked));

    [Fact]
    public void Cursors_round_trip()
    {
        var cursor = new SearchCursor(0.123456789, Guid.CreateVersion7());
        Assert.Equal(cursor, SearchCursor.Decode(cursor.Encode()));
    }
}

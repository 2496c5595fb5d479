using Enclave.Server.Posts.Attachments;

namespace Enclave.Tests.Posts.Attachments;

public sealed class AttachmentFileNameTests
{
    [Theory]
    [InlineData("report.pdf", "report.pdf")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("..\\..\\boot.ini", "boot.ini")]
    [InlineData("C:\\Users\\me\\notes.txt", "notes.txt")]
    [InlineData("/", "file")]
    [InlineData("..", "file")]
    [InlineData("   ", "file")]
    [InlineData(null, "file")]
    [InlineData(".htaccess", "htaccess")]
    [InlineData("name. . .", "name")]
    [InlineData("a\u0000b\u0007c\td.txt", "abc d.txt")]
    [InlineData("cv\u202Efdp.exe", "cvfdp.exe")]
    [InlineData("what?<is>this:\"|*.txt", "what__is_this____.txt")]
    [InlineData("a    b.txt", "a b.txt")]
    [InlineData("CON.txt", "_CON.txt")]
    [InlineData("nul", "_nul")]
    [InlineData("Cafe\u0301.txt", "Café.txt")]
    public void Sanitizes(string? raw, string expected) => Assert.Equal(expected, AttachmentFileName.Sanitize(raw));

    [Fact]
    public void Lone_surrogates_become_replacement_characters() =>
        Assert.Equal("\uFFFDbroken.txt", AttachmentFileName.Sanitize("\uD800broken.txt"));

    [Fact]
    public void Long_names_keep_their_extension_and_whole_characters()
    {
        var name = AttachmentFileName.Sanitize(string.Concat(Enumerable.Repeat("😀", 150)) + ".docx");
        Assert.True(name.Length <= AttachmentFileName.MaxLength);
        Assert.EndsWith("😀.docx", name);
        Assert.Equal(name.Length, name.EnumerateRunes().Sum(r => r.Utf16SequenceLength));
        Assert.DoesNotContain('\uFFFD', name);
    }
}

using System.Text;
using Enclave.Server.Posts.Attachments;

namespace Enclave.Tests.Posts.Attachments;

public sealed class ContentSnifferTests
{
    [Theory]
    [InlineData("89504E470D0A1A0A0000", "image/png")]
    [InlineData("FFD8FFE000104A464946", "image/jpeg")]
    [InlineData("474946383961", "image/gif")]
    [InlineData("52494646000000005745425056503820", "image/webp")]
    [InlineData("255044462D312E37", "application/pdf")]
    [InlineData("D0CF11E0A1B11AE10000", "application/x-ole-storage")]
    [InlineData("1F8B0800", "application/gzip")]
    [InlineData("504B0304140000000800", "application/zip")]
    [InlineData("00010203", "application/octet-stream")]
    [InlineData("1B5B33316D", "application/octet-stream")]
    public void Detects_from_magic_bytes(string hex, string expected) =>
        Assert.Equal(expected, ContentSniffer.Detect(Convert.FromHexString(hex), complete: true));

    [Theory]
    [InlineData("Hello, world\r\n\tindented", true)]
    [InlineData("Grüße aus Köln — ça va ? 日本語", true)]
    [InlineData("<svg onload=alert(1)>", true)]
    [InlineData("nul\0inside", false)]
    public void Plain_text_is_valid_utf8_without_control_characters(string text, bool isText) =>
        Assert.Equal(isText ? ContentSniffer.PlainText : ContentSniffer.OctetStream, ContentSniffer.Detect(Encoding.UTF8.GetBytes(text), complete: true));

    [Fact]
    public void A_character_cut_at_the_end_of_the_head_is_still_text_but_not_at_the_end_of_the_file()
    {
        var bytes = Encoding.UTF8.GetBytes("é")[..1];
        Assert.Equal(ContentSniffer.PlainText, ContentSniffer.Detect(bytes, complete: false));
        Assert.Equal(ContentSniffer.OctetStream, ContentSniffer.Detect(bytes, complete: true));
        Assert.Equal(ContentSniffer.OctetStream, ContentSniffer.Detect([0xC3, 0x28], complete: false));
    }

    [Theory]
    [InlineData("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [InlineData("ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation")]
    public void Office_documents_are_told_by_their_entries(string entry, string expected)
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var name in new[] { "[Content_Types].xml", "_rels/.rels", entry })
                using (var writer = new StreamWriter(zip.CreateEntry(name).Open())) writer.Write("<x/>");
        }
        Assert.Equal(expected, ContentSniffer.Detect(buffer.ToArray(), complete: true));
    }

    [Fact]
    public void OpenDocument_files_are_told_by_their_mimetype_entry()
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var writer = new StreamWriter(zip.CreateEntry("mimetype", System.IO.Compression.CompressionLevel.NoCompression).Open()))
                writer.Write("application/vnd.oasis.opendocument.text");
            using (var writer = new StreamWriter(zip.CreateEntry("content.xml").Open())) writer.Write("<x/>");
        }
        Assert.Equal("application/vnd.oasis.opendocument.text", ContentSniffer.Detect(buffer.ToArray(), complete: true));
    }

    [Fact]
    public void Only_raster_images_are_inline() =>
        Assert.Equal([true, true, false, false, false],
            new[] { "image/png", "image/webp", "application/pdf", ContentSniffer.PlainText, "image/svg+xml" }.Select(ContentSniffer.IsInline));
}

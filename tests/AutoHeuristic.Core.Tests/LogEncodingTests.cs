using System;
using System.IO;
using System.Linq;
using System.Text;
using AutoHeuristic.Logs;
using NUnit.Framework;

namespace AutoHeuristic.Core.Tests;

/// <summary>The one encoding rule of logs: strict UTF-8, refused text located by line and column.</summary>
public class LogEncodingTests
{
    private static readonly UTF8Encoding Strict = new(false, throwOnInvalidBytes: true);

    private static bool IsStrictUtf8(byte[] bytes)
    {
        try
        {
            Strict.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    [TestCase(new byte[] { 0x61, 0xC3, 0xA9 }, 3, false)]            // é
    [TestCase(new byte[] { 0x61, 0xE9, 0x0A }, 1, true)]             // Latin-1 é
    [TestCase(new byte[] { 0xC0, 0xAF }, 0, true)]                   // overlong '/'
    [TestCase(new byte[] { 0xED, 0xA0, 0x80 }, 0, true)]             // a UTF-16 surrogate
    [TestCase(new byte[] { 0xF4, 0x90, 0x80, 0x80 }, 0, true)]       // above U+10FFFF
    [TestCase(new byte[] { 0xF0, 0x9F, 0x98, 0x80 }, 4, false)]      // 😀
    [TestCase(new byte[] { 0x61, 0xF0, 0x9F }, 1, true)]             // cut at the end of the file
    public void Finds_the_first_invalid_sequence(byte[] bytes, int end, bool invalid)
    {
        Assert.That(LogEncoding.ValidUtf8Prefix(bytes, 0, bytes.Length, isFinal: true, out bool actual), Is.EqualTo(end));
        Assert.That(actual, Is.EqualTo(invalid));
    }

    [Test]
    public void An_incomplete_sequence_at_a_chunk_end_is_left_for_the_next_chunk()
    {
        byte[] bytes = { 0x61, 0xF0, 0x9F };
        Assert.That(LogEncoding.ValidUtf8Prefix(bytes, 0, bytes.Length, isFinal: false, out bool invalid), Is.EqualTo(1));
        Assert.That(invalid, Is.False);
    }

    [Test]
    public void Agrees_with_the_frameworks_strict_decoder_on_random_bytes()
    {
        var random = new Random(15);
        for (int i = 0; i < 100_000; i++)
        {
            var bytes = new byte[random.Next(0, 12)];
            for (int k = 0; k < bytes.Length; k++) bytes[k] = (byte)(random.Next(3) == 0 ? random.Next(0x80) : random.Next(0x80, 0x100));
            int end = LogEncoding.ValidUtf8Prefix(bytes, 0, bytes.Length, isFinal: true, out bool invalid);
            Assert.That(!invalid, Is.EqualTo(IsStrictUtf8(bytes)), BitConverter.ToString(bytes));
            Assert.That(IsStrictUtf8(bytes.Take(end).ToArray()), Is.True, BitConverter.ToString(bytes));
        }
    }

    [Test]
    public void The_stream_reader_decodes_sequences_split_across_its_buffer()
    {
        string text = string.Concat(Enumerable.Repeat("m,café,😀,ü\n", 50));
        using var reader = new Utf8LogTextReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), bufferSize: 16);
        Assert.That(reader.ReadToEnd(), Is.EqualTo(text));
        Assert.That(reader.Failure, Is.Null);
    }

    [Test]
    public void The_stream_reader_stops_at_the_first_invalid_byte_and_names_its_offset()
    {
        byte[] bytes = Encoding.UTF8.GetBytes("abc\ndé").Concat(new byte[] { 0xFF }).Concat(Encoding.UTF8.GetBytes("rest\n")).ToArray();
        using var reader = new Utf8LogTextReader(new MemoryStream(bytes), bufferSize: 16);
        Assert.That(reader.ReadToEnd(), Is.EqualTo("abc\ndé"));
        Assert.That(reader.Failure, Does.Contain("0xFF").And.Contain("byte offset 7"));
    }

    [Test]
    public void The_stream_reader_gives_the_whole_file_verdict_whatever_its_buffer_size()
    {
        // Valid text with, sometimes, one bad byte: the reader stops exactly where a scan of the whole file does.
        var random = new Random(7);
        string[] pieces = { "a", ",", "\n", "é", "€", "😀", "0.25" };
        for (int i = 0; i < 2000; i++)
        {
            var text = new StringBuilder();
            for (int k = random.Next(0, 60); k > 0; k--) text.Append(pieces[random.Next(pieces.Length)]);
            byte[] bytes = Encoding.UTF8.GetBytes(text.ToString());
            if (bytes.Length > 0 && random.Next(2) == 0) bytes[random.Next(bytes.Length)] = (byte)random.Next(0x80, 0x100);
            int valid = LogEncoding.ValidUtf8Prefix(bytes, 0, bytes.Length, isFinal: true, out bool invalid);
            using var reader = new Utf8LogTextReader(new MemoryStream(bytes), bufferSize: random.Next(16, 40));
            Assert.That(reader.ReadToEnd(), Is.EqualTo(Encoding.UTF8.GetString(bytes, 0, valid)));
            Assert.That(reader.Failure is not null, Is.EqualTo(invalid));
            if (invalid) Assert.That(reader.Failure, Does.Contain("byte offset " + valid + " "));
        }
    }

    [Test]
    public void The_line_reader_locates_where_the_stream_reader_stopped()
    {
        byte[] bytes = Encoding.UTF8.GetBytes("line one\nli").Concat(new byte[] { 0xC3, 0x28 }).ToArray();
        var lines = new LogLineReader(new Utf8LogTextReader(new MemoryStream(bytes)));
        Assert.That(lines.Next(out int start, out int end, out bool terminated), Is.True);
        Assert.That((new string(lines.Buffer, start, end - start), terminated), Is.EqualTo(("line one", true)));
        Assert.That(lines.Next(out _, out _, out _), Is.False);
        Assert.That((lines.Problem!.Kind, lines.Problem.Line, lines.Problem.Column), Is.EqualTo((LogTextProblemKind.NotUtf8, 2, 3)));
    }

    [Test]
    public void A_text_decoded_as_utf16_or_with_a_code_page_is_checked()
    {
        Assert.That(LogEncoding.CheckDecodedText(Encoding.Unicode, "a\n", out _)!.Message, Does.Contain("UTF-16"));
        Assert.That(LogEncoding.CheckDecodedText(new UTF32Encoding(), "a\n", out _)!.Message, Does.Contain("UTF-32"));
        LogTextProblem latin = LogEncoding.CheckDecodedText(Encoding.Latin1, "ab\ncd\u00E9f\n", out _)!;
        Assert.That((latin.Line, latin.Column), Is.EqualTo((2, 3)));
        Assert.That(LogEncoding.CheckDecodedText(Encoding.UTF8, "caf\u00E9\n", out string same), Is.Null);
        Assert.That(same, Is.EqualTo("caf\u00E9\n"));

        // A UTF-8 file read with an explicit code page: its bytes are valid UTF-8 and read as such.
        string mojibake = Encoding.Latin1.GetString(Encoding.UTF8.GetBytes("caf\u00E9\n"));
        Assert.That(LogEncoding.CheckDecodedText(Encoding.Latin1, mojibake, out string repaired), Is.Null);
        Assert.That(repaired, Is.EqualTo("caf\u00E9\n"));
    }
}

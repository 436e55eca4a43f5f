#if !NET7_0_OR_GREATER
using System.IO;

namespace AutoHeuristic;

/// <summary>
/// <c>Stream.ReadExactly</c> for netstandard2.0 (it arrived in .NET 7). On newer frameworks the
/// instance method is used and this file is not compiled.
/// </summary>
internal static class StreamCompatibility
{
    /// <summary>Reads exactly <paramref name="count"/> bytes; throws <see cref="EndOfStreamException"/> if the stream ends first.</summary>
    public static void ReadExactly(this Stream stream, byte[] buffer, int offset, int count)
    {
        while (count > 0)
        {
            int read = stream.Read(buffer, offset, count);
            if (read == 0) throw new EndOfStreamException($"The stream ended {count} bytes before the expected end.");
            offset += read;
            count -= read;
        }
    }
}
#endif

namespace DeepSharp.IO;

/// <summary>
/// Replaces a file all at once: content goes to a temporary file in the same directory, is
/// flushed to disk, then renamed over the target. Readers, and a process killed at any moment,
/// see either the old complete file or the new complete file, never a mixture or a prefix.
/// </summary>
public static class AtomicFile
{
    // Keeps the temporary name within common 255-byte file name limits.
    private const int MaxPrefixLength = 100;

    /// <summary>Writes <paramref name="path"/> atomically with the content that
    /// <paramref name="write"/> puts into the stream it is given.</summary>
    /// <remarks>On any exception (from <paramref name="write"/>, the disk or the rename) the
    /// temporary file is deleted, the exception propagates and the previous file at
    /// <paramref name="path"/>, if any, is left untouched. The rename is atomic on the same
    /// volume; the directory entry itself is not fsynced, so after a power cut (not a process
    /// kill) the target may still show the old file.</remarks>
    public static void Write(string path, Action<Stream> write) => Write(path, write, wrapStream: null);

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>, atomically.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        byte[] copy = bytes.ToArray();
        Write(path, s => s.Write(copy));
    }

    /// <summary>As <see cref="Write(string, Action{Stream})"/>; <paramref name="wrapStream"/> lets
    /// tests interpose a stream (e.g. one that fails at byte k) between the writer and the file.</summary>
    internal static void Write(string path, Action<Stream> write, Func<Stream, Stream>? wrapStream)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath)
            ?? throw new ArgumentException($"'{path}' names no file (it is a root directory).", nameof(path));
        string fileName = Path.GetFileName(fullPath);
        if (fileName.Length == 0)
            throw new ArgumentException($"'{path}' names a directory, expected a file path.", nameof(path));
        if (fileName.Length > MaxPrefixLength) fileName = fileName[..MaxPrefixLength];
        string tempPath = Path.Combine(directory, $".{fileName}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(directory);

        try
        {
            using (var file = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                Stream target = wrapStream?.Invoke(file) ?? file;
                write(target);
                target.Flush();
                file.Flush(flushToDisk: true);
            }
            File.Move(tempPath, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(tempPath);
            throw;
        }
    }

    /// <summary>Deletes the temporary files that writes into <paramref name="directory"/> left behind
    /// when their process was killed (names <c>.&lt;file&gt;.&lt;32 hex digits&gt;.tmp</c>); returns how many.</summary>
    /// <remarks>Call it only while no other process writes into the directory (e.g. holding a lock on it):
    /// a live writer's temporary file looks the same.</remarks>
    public static int DeleteStaleTemporaries(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory)) return 0;
        int deleted = 0;
        foreach (string path in Directory.EnumerateFiles(directory, ".*.tmp"))
        {
            if (!IsTemporaryName(Path.GetFileName(path))) continue;
            TryDelete(path);
            if (!File.Exists(path)) deleted++;
        }
        return deleted;
    }

    /// <summary>True for the names <see cref="Write(string, Action{Stream})"/> gives its temporary files.</summary>
    public static bool IsTemporaryName(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        const int guidDigits = 32, suffix = 1 + guidDigits + 4; // ".<guid>.tmp"
        if (fileName.Length < 2 + suffix || fileName[0] != '.' || !fileName.EndsWith(".tmp", StringComparison.Ordinal)) return false;
        int dot = fileName.Length - suffix;
        return fileName[dot] == '.' && !fileName.AsSpan(dot + 1, guidDigits).ContainsAnyExcept("0123456789abcdef");
    }

    private static void TryDelete(string tempPath)
    {
        try
        {
            File.Delete(tempPath);
        }
        catch (IOException)
        {
            // The original exception matters more; a leftover temp file is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

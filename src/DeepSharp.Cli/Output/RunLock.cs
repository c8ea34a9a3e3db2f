using System.Globalization;
using System.Text;

namespace DeepSharp.Cli.Output;

/// <summary>
/// The exclusive lock of a run directory, held while <c>train</c> writes into it: the file
/// <c>.deepsharp.lock</c>, opened without sharing (an advisory <c>flock</c> on Linux) and holding
/// the owner's process id. A second run on the same directory is refused; the lock of a killed
/// process is released by the operating system, so the next run takes it over.
/// </summary>
internal sealed class RunLock : IDisposable
{
    /// <summary>The lock file's name inside the run directory.</summary>
    public const string FileName = ".deepsharp.lock";

    private readonly FileStream _stream;

    private RunLock(FileStream stream) => _stream = stream;

    /// <summary>Takes the lock of <paramref name="directory"/> (which must exist).</summary>
    /// <exception cref="CliUsageException">Another live process holds it.</exception>
    public static RunLock Acquire(string directory)
    {
        string path = Path.Combine(directory, FileName);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            string owner = Owner(path) is { } pid ? $" (process {pid})" : "";
            throw new CliUsageException($"run directory '{directory}' is in use by another 'deepsharp train'{owner}; wait for it to finish or choose another --out.");
        }
        // A lock file left by a killed run is simply taken over: the kernel dropped its lock.
        stream.SetLength(0);
        stream.Write(Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n"));
        stream.Flush(flushToDisk: true);
        return new RunLock(stream);
    }

    // The owner's pid as written in the file, when the platform lets a second process read it.
    private static string? Owner(string path)
    {
        try
        {
            string text = File.ReadAllText(path).Trim();
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? text : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Releases the lock (the file stays; an unlocked file is a free directory).</summary>
    public void Dispose() => _stream.Dispose();
}

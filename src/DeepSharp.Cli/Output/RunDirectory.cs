using System.Globalization;

namespace DeepSharp.Cli.Output;

/// <summary>Creates the directory a run writes into.</summary>
internal static class RunDirectory
{
    /// <summary>Creates <paramref name="requested"/>, or <c>runs/&lt;yyyyMMdd-HHmmss&gt;</c> (with a
    /// suffix when that exists already); returns its path.</summary>
    public static string Create(string? requested)
    {
        if (requested is not null)
        {
            if (File.Exists(requested)) throw new CliUsageException($"--out '{requested}' is a file; expected a directory.");
            Directory.CreateDirectory(requested);
            return requested;
        }
        string stamp = DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        string path = Path.Combine("runs", stamp);
        for (int i = 2; Directory.Exists(path); i++) path = Path.Combine("runs", $"{stamp}-{i}");
        Directory.CreateDirectory(path);
        return path;
    }
}

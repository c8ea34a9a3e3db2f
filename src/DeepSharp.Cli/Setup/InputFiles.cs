namespace DeepSharp.Cli.Setup;

/// <summary>Checks that a path the user gave names an existing file, with one message for each way it can fail.</summary>
internal static class InputFiles
{
    /// <summary>Throws unless <paramref name="path"/> is an existing file; <paramref name="what"/> names it
    /// in the message (e.g. "input file").</summary>
    /// <exception cref="CliUsageException">The path is a directory.</exception>
    /// <exception cref="FileNotFoundException">Nothing exists at the path.</exception>
    public static void Require(string path, string what)
    {
        if (File.Exists(path)) return;
        if (Directory.Exists(path)) throw new CliUsageException($"{what} '{path}' is a directory; expected a file.");
        throw new FileNotFoundException($"{what} '{path}' does not exist.", path);
    }
}

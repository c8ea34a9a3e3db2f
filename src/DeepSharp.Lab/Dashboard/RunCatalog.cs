using DeepSharp.Lab.Playground;

namespace DeepSharp.Lab.Dashboard;

/// <summary>
/// The training runs under one folder: its direct sub-folders that hold a <c>history.csv</c> or a
/// checkpoint. Run names are checked character by character and resolved inside the folder only;
/// links are not followed, so nothing outside the runs asked for is ever read.
/// </summary>
public sealed class RunCatalog
{
    /// <summary>Most runs listed (the most recently written first).</summary>
    public const int MaxRuns = 64;

    /// <summary>Largest run file read (history, frames), in bytes.</summary>
    public const long MaxFileBytes = 16 << 20;

    /// <summary>Opens the folder <paramref name="root"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">It does not exist.</exception>
    public RunCatalog(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        if (!Directory.Exists(Root)) throw new DirectoryNotFoundException($"runs folder '{root}' does not exist.");
    }

    /// <summary>The absolute path of the folder.</summary>
    public string Root { get; }

    /// <summary>The runs, most recently written first.</summary>
    public IReadOnlyList<string> Names()
    {
        var runs = new List<(string Name, DateTime Written)>();
        foreach (var dir in new DirectoryInfo(Root).EnumerateDirectories())
        {
            if (dir.LinkTarget is not null || !IsValidName(dir.Name)) continue;
            var history = new FileInfo(Path.Combine(dir.FullName, RunFileNames.History));
            var checkpoint = new FileInfo(Path.Combine(dir.FullName, RunFileNames.Checkpoint));
            if (!history.Exists && !checkpoint.Exists) continue;
            runs.Add((dir.Name, history.Exists ? history.LastWriteTimeUtc : checkpoint.LastWriteTimeUtc));
        }
        return [.. runs.OrderByDescending(r => r.Written).ThenBy(r => r.Name, StringComparer.Ordinal).Take(MaxRuns).Select(r => r.Name)];
    }

    /// <summary>The folder of run <paramref name="name"/>.</summary>
    /// <exception cref="LabRequestException">400 for a name that is not a plain folder name, 404 when there is no such run.</exception>
    public string Resolve(string name)
    {
        if (!IsValidName(name))
            throw new LabRequestException("run: expected a run folder name (letters, digits, '.', '-', '_', '+'), not a path.");
        string path = Path.GetFullPath(Path.Combine(Root, name));
        if (!string.Equals(Path.GetDirectoryName(path), Root, StringComparison.Ordinal))
            throw new LabRequestException("run: expected a run folder name, not a path.");
        var dir = new DirectoryInfo(path);
        if (!dir.Exists || dir.LinkTarget is not null || !Names().Contains(name, StringComparer.Ordinal))
            throw new LabRequestException($"no run '{name}' in the runs folder.", 404);
        return path;
    }

    /// <summary>The file <paramref name="fileName"/> of a resolved run folder, or null when it is absent, a link, or too large.</summary>
    public static FileInfo? File(string runDirectory, string fileName)
    {
        var file = new FileInfo(Path.Combine(runDirectory, fileName));
        return file.Exists && file.LinkTarget is null && file.Length <= MaxFileBytes ? file : null;
    }

    /// <summary>Plain folder names only: 1 to 128 of [A-Za-z0-9._+-], not starting with '.'.</summary>
    public static bool IsValidName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 128 && name[0] != '.'
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '+');
}

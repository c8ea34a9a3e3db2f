using System.Text.RegularExpressions;

namespace DeepSharp.Tests.Architecture;

/// <summary>Reads the sources of every layered project (src/DeepSharp, src/DeepSharp.Cli, src/DeepSharp.Lab).</summary>
internal static class Sources
{
    private static readonly Regex Qualified = new(@"(?<![\w.])(?:global::)?(DeepSharp(?:\.\w+)+)", RegexOptions.Compiled);
    private static readonly Regex Namespace = new(@"^\s*namespace\s+([\w.]+)", RegexOptions.Compiled);

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DeepSharp.sln"))) return dir.FullName;
        throw new InvalidOperationException($"DeepSharp.sln not found above {AppContext.BaseDirectory}.");
    }

    /// <summary>Every line of every .cs file of the layered projects with its file's layer (by folder),
    /// line comments and strings removed (doc-comment crefs kept: they are real references).</summary>
    public static IEnumerable<(string File, string? Layer, string Line, int Number)> Lines()
    {
        var root = RepositoryRoot();
        foreach (var project in new[] { "DeepSharp", "DeepSharp.Cli", "DeepSharp.Lab", "DeepSharp.Cuda" })
        {
            var dir = Path.Combine(root, "src", project);
            if (!Directory.Exists(dir)) continue;
            foreach (var path in Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(dir, path).Replace('\\', '/');
                if (relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("bin/", StringComparison.Ordinal)) continue;
                string? layer = LayerOfFile(project, relative);
                int number = 0;
                foreach (var raw in File.ReadLines(path))
                {
                    number++;
                    yield return ($"src/{project}/{relative}", layer, StripCommentsAndStrings(raw), number);
                }
            }
        }
    }

    /// <summary>The layer a file belongs to by its folder: src/DeepSharp/&lt;Part&gt;/... (Backends/&lt;Impl&gt;/... for
    /// a backend implementation, the root folder for the foundation), or the app project.</summary>
    internal static string? LayerOfFile(string project, string relative)
    {
        if (project == "DeepSharp.Cuda") return "Backends.Cuda";
        if (project != "DeepSharp") return Layers.Of(project);
        var folders = relative.Split('/');
        if (folders.Length == 1) return Layers.Foundation;
        string ns = "DeepSharp." + folders[0];
        if (folders[0] == "Backends" && folders.Length > 2) ns += "." + folders[1];
        return Layers.Of(ns);
    }

    /// <summary>Removes string literals and // comments (but keeps /// doc comments' crefs).</summary>
    internal static string StripCommentsAndStrings(string line)
    {
        var sb = new System.Text.StringBuilder(line.Length);
        bool inString = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (inString)
            {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
                continue;
            }
            if (c == '"') { inString = true; continue; }
            if (c == '/' && i + 1 < line.Length && line[i + 1] == '/')
            {
                bool doc = i + 2 < line.Length && line[i + 2] == '/';
                if (!doc) break;
                foreach (Match m in Regex.Matches(line[i..], "cref=\"([^\"]+)\"")) sb.Append(' ').Append(m.Groups[1].Value);
                break;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>The qualified DeepSharp names a (stripped) line imports or mentions.</summary>
    public static List<string> ReferencedNamespaces(string line)
    {
        line = StripCommentsAndStrings(line);
        if (NamespaceDeclaration(line) is not null) return [];
        var result = new List<string>();
        foreach (Match m in Qualified.Matches(line))
            if (!result.Contains(m.Groups[1].Value)) result.Add(m.Groups[1].Value);
        return result;
    }

    public static string? NamespaceDeclaration(string line)
    {
        var m = Namespace.Match(line);
        return m.Success ? m.Groups[1].Value : null;
    }
}

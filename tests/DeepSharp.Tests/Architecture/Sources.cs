namespace DeepSharp.Tests.Architecture;

/// <summary>Reads the DeepSharp sources from the repository checkout.</summary>
internal static class Sources
{
    private static readonly System.Text.RegularExpressions.Regex Qualified =
        new(@"(?<![\w.])(?:global::)?DeepSharp\.(\w+)", System.Text.RegularExpressions.RegexOptions.Compiled);

    private static readonly System.Text.RegularExpressions.Regex Namespace =
        new(@"^\s*namespace\s+([\w.]+)", System.Text.RegularExpressions.RegexOptions.Compiled);

    public static string SourceRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DeepSharp.sln")))
                return Path.Combine(dir.FullName, "src", "DeepSharp");
        throw new InvalidOperationException($"DeepSharp.sln not found above {AppContext.BaseDirectory}.");
    }

    /// <summary>Every line of every .cs file under src/DeepSharp/&lt;Folder&gt;/, with line comments and strings removed.</summary>
    public static IEnumerable<(string File, string Folder, string Line, int Number)> Lines()
    {
        var root = SourceRoot();
        foreach (var path in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            if (relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("bin/", StringComparison.Ordinal)) continue;
            int slash = relative.IndexOf('/');
            string folder = slash < 0 ? "" : relative[..slash];
            int number = 0;
            foreach (var raw in File.ReadLines(path))
            {
                number++;
                yield return ("src/DeepSharp/" + relative, folder, StripCommentsAndStrings(raw), number);
            }
        }
    }

    /// <summary>Removes string literals and // comments (but keeps /// doc comments, whose crefs are real references).</summary>
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
                // keep only cref="..." targets of a doc comment
                foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(line[i..], "cref=\"([^\"]+)\""))
                    sb.Append(' ').Append(m.Groups[1].Value);
                break;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>The DeepSharp layers a (stripped) line imports or names fully qualified.</summary>
    public static List<string> ReferencedLayers(string line)
    {
        line = StripCommentsAndStrings(line);
        if (NamespaceDeclaration(line) is not null) return [];
        var result = new List<string>();
        foreach (System.Text.RegularExpressions.Match m in Qualified.Matches(line))
            if (!result.Contains(m.Groups[1].Value)) result.Add(m.Groups[1].Value);
        return result;
    }

    public static string? NamespaceDeclaration(string line)
    {
        var m = Namespace.Match(line);
        return m.Success ? m.Groups[1].Value : null;
    }

    /// <summary>The type a file holds by convention: <c>Checkpoint.Format.cs</c> -> <c>Checkpoint</c>.</summary>
    public static string TypeNameOf(string file)
    {
        var name = Path.GetFileName(file);
        return name[..name.IndexOf('.')];
    }

    /// <summary>The file that declares a type: <c>Name.cs</c> by convention, else the file whose text declares it.</summary>
    public static string Guess(string folder, string fullName)
    {
        var name = fullName[(fullName.LastIndexOf('.') + 1)..];
        int tick = name.IndexOf('`');
        if (tick >= 0) name = name[..tick];
        var dir = Path.Combine(SourceRoot(), folder);
        if (File.Exists(Path.Combine(dir, name + ".cs"))) return $"src/DeepSharp/{folder}/{name}.cs";
        var declaration = new System.Text.RegularExpressions.Regex($@"\b(class|struct|record|enum|interface)\s+{name}\b");
        foreach (var file in Directory.Exists(dir) ? Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories) : [])
            if (declaration.IsMatch(File.ReadAllText(file)))
                return "src/DeepSharp/" + Path.GetRelativePath(SourceRoot(), file).Replace('\\', '/');
        return $"a file under src/DeepSharp/{folder}/";
    }
}

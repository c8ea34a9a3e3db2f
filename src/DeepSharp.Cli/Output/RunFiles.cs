using DeepSharp.Plotting;

namespace DeepSharp.Cli.Output;

/// <summary>The files of a run directory, in the order they were first written.</summary>
internal sealed class RunFiles(string directory, bool svg)
{
    private readonly List<string> _names = [];

    public string Directory { get; } = directory;

    /// <summary>The names of the files that exist (a run stopped early may not have written all of them).</summary>
    public IReadOnlyList<string> Names => _names.Where(n => File.Exists(Path.Combine(Directory, n))).ToArray();

    /// <summary>The path of <paramref name="name"/> in the run directory, recorded as written.</summary>
    public string Add(string name)
    {
        if (!_names.Contains(name)) _names.Add(name);
        return Path.Combine(Directory, name);
    }

    /// <summary>Saves <paramref name="plot"/> as <paramref name="stem"/>.png (and .svg with --svg).</summary>
    public void Save(Plot plot, string stem)
    {
        plot.SavePng(Add(stem + ".png"));
        if (svg) plot.SaveSvg(Add(stem + ".svg"));
    }
}

using System.Collections.Frozen;
using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace DeepSharp.Lab.Web;

/// <summary>The pages, scripts and styles compiled into the assembly (Assets/), served by exact name only.</summary>
public static class EmbeddedAssets
{
    private const string Prefix = "DeepSharp.Lab.Assets.";

    private static readonly FrozenDictionary<string, (byte[] Bytes, string ContentType)> Files = Load();

    /// <summary>The names of the embedded files, e.g. <c>lab.js</c>.</summary>
    public static IEnumerable<string> Names => Files.Keys;

    /// <summary>Serves <paramref name="name"/>, or 404 when no embedded file has exactly that name.</summary>
    public static IResult Serve(string name) =>
        Files.TryGetValue(name, out var file) ? Results.Bytes(file.Bytes, file.ContentType) : Results.NotFound();

    /// <summary>True when an embedded file is called <paramref name="name"/>.</summary>
    public static bool Contains(string name) => Files.ContainsKey(name);

    private static FrozenDictionary<string, (byte[], string)> Load()
    {
        var assembly = typeof(EmbeddedAssets).Assembly;
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (string resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(Prefix, StringComparison.Ordinal)) continue;
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            string name = resource[Prefix.Length..];
            files[name] = (copy.ToArray(), ContentType(name));
        }
        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".woff2" => "font/woff2",
        _ => "application/octet-stream",
    };
}

namespace DeepSharp.Serialization;

/// <summary>
/// A model or checkpoint file is malformed, truncated, hostile or holds something other than
/// what the caller expected. The message names the file, the tensor (when one is involved) and
/// the problem, stating what was expected and what was found.
/// </summary>
public sealed class ModelFormatException : Exception
{
    // Names come from untrusted files: keep messages readable however long or odd they are.
    private const int MaxNameLengthInMessage = 120;

    /// <summary>Creates the exception for a problem in <paramref name="filePath"/>.</summary>
    /// <param name="filePath">The file (or stream source name) being read.</param>
    /// <param name="tensorName">The tensor involved, or null when the problem is file-wide.</param>
    /// <param name="problem">What is wrong: what was expected and what was found.</param>
    /// <param name="innerException">The lower-level error that revealed the problem, if any.</param>
    public ModelFormatException(string filePath, string? tensorName, string problem, Exception? innerException = null)
        : base(FormatMessage(filePath, tensorName, problem), innerException)
    {
        FilePath = filePath;
        TensorName = tensorName;
        Problem = problem;
    }

    /// <summary>The file (or stream source name) that failed to load.</summary>
    public string FilePath { get; }

    /// <summary>The tensor involved, or null when the problem concerns the whole file.</summary>
    public string? TensorName { get; }

    /// <summary>The problem alone, without the file and tensor names.</summary>
    public string Problem { get; }

    private static string FormatMessage(string filePath, string? tensorName, string problem) =>
        tensorName is null
            ? $"Invalid model file '{filePath}': {problem}"
            : $"Invalid model file '{filePath}', tensor '{Shorten(tensorName)}': {problem}";

    /// <summary>Makes an untrusted string safe to embed in a message: control characters are
    /// escaped and long strings cut.</summary>
    internal static string Shorten(string text)
    {
        var builder = new System.Text.StringBuilder(Math.Min(text.Length, MaxNameLengthInMessage) + 8);
        foreach (char c in text)
        {
            if (builder.Length >= MaxNameLengthInMessage)
            {
                builder.Append("...");
                break;
            }
            if (char.IsControl(c)) builder.Append($"\\u{(int)c:X4}");
            else builder.Append(c);
        }
        return builder.ToString();
    }
}

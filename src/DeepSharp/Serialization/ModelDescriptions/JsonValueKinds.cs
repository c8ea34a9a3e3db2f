using System.Text.Json;

namespace DeepSharp.Serialization;

/// <summary>Short descriptions of untrusted JSON values for error messages.</summary>
internal static class JsonValueKinds
{
    /// <summary>E.g. "the number 1.5", "a string", "an array of 3 items".</summary>
    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => $"an array of {element.GetArrayLength()} items",
        JsonValueKind.String => $"the string \"{ModelFormatException.Shorten(Cut(element.GetString() ?? ""))}\"",
        JsonValueKind.Number => $"the number {Cut(element.GetRawText())}",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => "null",
    };

    private static string Cut(string text) => text.Length > 40 ? text[..40] + "..." : text;
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace DeepSharp.Lab.Web;

/// <summary>The JSON conventions of the lab's API: camelCase, unknown fields refused, NaN written as a string.</summary>
public static class LabJson
{
    /// <summary>The options for reading requests and writing answers.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary><paramref name="value"/> as UTF-8 JSON.</summary>
    public static byte[] Bytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);
}

using System.Text.Json;
using DeepSharp.Lab.Playground;
using Microsoft.AspNetCore.Http;

namespace DeepSharp.Lab.Web;

/// <summary>Reads small JSON request bodies, bounded in size, turning every flaw into a 400 with its reason.</summary>
public static class RequestBody
{
    /// <summary>The body as <typeparamref name="T"/>.</summary>
    /// <exception cref="LabRequestException">The body is too large, not JSON, or does not fit <typeparamref name="T"/>.</exception>
    public static async Task<T?> Read<T>(HttpRequest request) where T : class
    {
        if (request.ContentLength > LabLimits.MaxBodyBytes)
            throw new LabRequestException($"request body: at most {LabLimits.MaxBodyBytes} bytes, got {request.ContentLength}.");
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > LabLimits.MaxBodyBytes)
                throw new LabRequestException($"request body: at most {LabLimits.MaxBodyBytes} bytes.");
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0) return null;
        try
        {
            return JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), LabJson.Options);
        }
        catch (JsonException e)
        {
            throw new LabRequestException($"request body: {e.Message}");
        }
    }

    /// <summary>The integer query parameter <paramref name="name"/> within [min, max], or <paramref name="fallback"/> when absent.</summary>
    /// <exception cref="LabRequestException">The value is not an integer in range.</exception>
    public static int QueryInt(HttpRequest request, string name, int fallback, int min, int max)
    {
        if (!request.Query.TryGetValue(name, out var values) || values.Count == 0) return fallback;
        if (values.Count > 1 || !int.TryParse(values[0], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int v))
            throw new LabRequestException($"{name}: expected one integer, got '{values}'.");
        if (v < min || v > max) throw new LabRequestException($"{name}: expected an integer from {min} to {max}, got {v}.");
        return v;
    }
}

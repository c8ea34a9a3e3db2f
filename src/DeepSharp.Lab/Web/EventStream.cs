using Microsoft.AspNetCore.Http;

namespace DeepSharp.Lab.Web;

/// <summary>Writes server-sent events (<c>text/event-stream</c>): one <c>data:</c> line of JSON per message.</summary>
public static class EventStream
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] End = "\n\n"u8.ToArray();

    /// <summary>Streams <paramref name="first"/> (when not null), then every message of <paramref name="subscription"/> until the client leaves.</summary>
    public static async Task Run(HttpContext http, byte[]? first, Broadcast.Subscription subscription)
    {
        var response = http.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        var token = http.RequestAborted;
        try
        {
            // A comment line first, so the client sees the stream open at once.
            await response.Body.WriteAsync(": open\n\n"u8.ToArray(), token);
            if (first is not null) await Write(response, first, token);
            await response.Body.FlushAsync(token);
            await foreach (var message in subscription.ReadAllAsync(token))
            {
                await Write(response, message, token);
                await response.Body.FlushAsync(token);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The page closed or reloaded.
        }
        catch (IOException) when (token.IsCancellationRequested)
        {
        }
    }

    private static async Task Write(HttpResponse response, byte[] json, CancellationToken token)
    {
        await response.Body.WriteAsync(DataPrefix, token);
        await response.Body.WriteAsync(json, token);
        await response.Body.WriteAsync(End, token);
    }
}

namespace DeepSharp.Lab.Playground;

/// <summary>A request the lab refuses: answered with <see cref="StatusCode"/> (400 by default) and the message.</summary>
public sealed class LabRequestException(string message, int statusCode = 400) : Exception(message)
{
    /// <summary>The HTTP status of the answer (400 bad parameter, 404 unknown session, 429 over a cap).</summary>
    public int StatusCode { get; } = statusCode;
}

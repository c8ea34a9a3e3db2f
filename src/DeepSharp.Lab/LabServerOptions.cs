using System.Net;

namespace DeepSharp.Lab;

/// <summary>Where a <see cref="LabServer"/> listens and what it serves.</summary>
public sealed record LabServerOptions
{
    /// <summary>The address to bind: 127.0.0.1 by default (only this machine can connect); "localhost" means loopback.</summary>
    public string Host
    {
        get;
        init => field = ParseHost(value) is not null ? value : throw new ArgumentOutOfRangeException(nameof(Host), value,
            $"Host: expected an IP address such as 127.0.0.1 or 'localhost', got '{value}'.");
    } = "127.0.0.1";

    /// <summary>The TCP port; 0 picks a free one (see <see cref="LabServer.Url"/>).</summary>
    public int Port
    {
        get;
        init => field = value is >= 0 and <= 65535 ? value : throw new ArgumentOutOfRangeException(nameof(Port), value, $"Port: expected 0 to 65535, got {value}.");
    } = 8050;

    /// <summary>The folder of training runs the dashboard shows, or null for no dashboard.</summary>
    public string? RunsRoot { get; init; }

    /// <summary>What "/" shows.</summary>
    public LabStartPage StartPage { get; init; } = LabStartPage.Lab;

    /// <summary>The address <paramref name="host"/> names, or null when it is not an address.</summary>
    public static IPAddress? ParseHost(string? host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
        : IPAddress.TryParse(host, out var address) ? address : null;
}

using System.Diagnostics;

namespace DeepSharp.Tests.Distributed;

/// <summary>
/// Two "machines" on this one: network namespaces joined by a veth pair, each with one address of
/// a private /24 and nothing else but its loopback, and an mpirun launcher agent that starts a host's
/// daemon with <c>ip netns exec</c> (in place of ssh). Made and removed by the test; needs root and iproute2.
/// </summary>
internal sealed class NetworkNamespaceHosts : IDisposable
{
    private readonly string[] _namespaces;

    private NetworkNamespaceHosts(string directory, int tag)
    {
        Directory = directory;
        _namespaces = [$"deepsharp-{tag}-a", $"deepsharp-{tag}-b"];
        Subnet = $"10.231.{tag % 250}";
        Addresses = [Subnet + ".1", Subnet + ".2"];
        string[] veth = [$"dsv{tag}a", $"dsv{tag}b"];
        VethB = veth[1];
        NamespaceB = _namespaces[1];
        try
        {
            foreach (string ns in _namespaces) Ip("netns", "add", ns);
            Ip("link", "add", veth[0], "type", "veth", "peer", "name", veth[1]);
            for (int i = 0; i < 2; i++)
            {
                Ip("link", "set", veth[i], "netns", _namespaces[i]);
                Ip("-n", _namespaces[i], "addr", "add", Addresses[i] + "/24", "dev", veth[i]);
                Ip("-n", _namespaces[i], "link", "set", veth[i], "up");
                Ip("-n", _namespaces[i], "link", "set", "lo", "up");
            }
            Hostfile = Path.Combine(directory, "hosts");
            File.WriteAllText(Hostfile, $"{Addresses[0]} slots=1\n{Addresses[1]} slots=1\n");
            Agent = Path.Combine(directory, "netns-agent");
            File.WriteAllText(Agent,
                "#!/bin/sh\n# mpirun's launcher agent: <host> <command...> -> the command inside that host's namespace\n"
                + "host=$1; shift\ncase \"$host\" in\n"
                + $"  {Addresses[0]}) ns={_namespaces[0]} ;;\n  {Addresses[1]}) ns={_namespaces[1]} ;;\n"
                + "  *) echo \"netns-agent: unknown host $host\" >&2; exit 1 ;;\nesac\nexec ip netns exec \"$ns\" sh -c \"$*\"\n");
            if (Run("chmod", ["700", Agent]).Code != 0) throw new InvalidOperationException($"chmod 700 {Agent} failed");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Directory { get; }
    public string Subnet { get; }
    public string[] Addresses { get; }
    public string Hostfile { get; } = "";
    public string Agent { get; } = "";
    private string VethB { get; }
    private string NamespaceB { get; }

    /// <summary>Why the namespaces cannot be made here, or null when they can.</summary>
    public static string? Unavailable()
    {
        if (!new[] { "/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip" }.Any(File.Exists)) return "iproute2 (ip) is not installed";
        if (Environment.UserName != "root") return "network namespaces need root";
        return null;
    }

    public static NetworkNamespaceHosts Create(string directory) => new(directory, Environment.ProcessId % 10000);

    /// <summary>The mpirun command line: started inside host A's namespace, one rank per host, TCP only on the test subnet.</summary>
    public (string File, List<string> Arguments) LaunchCommand(IEnumerable<string> command) =>
        ("ip", ["netns", "exec", _namespaces[0], MpiRunPath(), "--allow-run-as-root", "--hostfile", Hostfile, "-np", "2",
            "--mca", "plm_rsh_agent", Agent, "--mca", "btl", "tcp,self",
            "--mca", "btl_tcp_if_include", Subnet + ".0/24", "--mca", "oob_tcp_if_include", Subnet + ".0/24", .. command]);

    /// <summary>Bytes received on host B's end of the veth pair.</summary>
    public long ReceivedBytesOnB()
    {
        var (code, output) = Run("ip", ["netns", "exec", NamespaceB, "cat", $"/sys/class/net/{VethB}/statistics/rx_bytes"]);
        return code == 0 ? long.Parse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture) : throw new InvalidOperationException(output);
    }

    private static string MpiRunPath() => DeepSharp.Tests.Distributed.MpiRun.Launcher ?? "mpirun";

    private static void Ip(params string[] args)
    {
        var (code, output) = Run("ip", args);
        if (code != 0) throw new InvalidOperationException($"ip {string.Join(' ', args)}: {output.Trim()}");
    }

    public static (int Code, string Output) Run(string file, IEnumerable<string> args, int timeoutSeconds = 60)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutSeconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within {timeoutSeconds} s");
        }
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    public void Dispose()
    {
        // Deleting a namespace removes its end of the veth pair, and with it the other end.
        foreach (string ns in _namespaces) Run("ip", ["netns", "del", ns]);
    }
}

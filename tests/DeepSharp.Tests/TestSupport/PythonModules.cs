using System.ComponentModel;
using System.Diagnostics;

namespace DeepSharp.Tests.TestSupport;

/// <summary>Finds a Python interpreter that can import given modules (Debian's /usr/bin/python3 holds
/// python3-onnx and python3-torch; a python3 earlier on PATH may not), and runs scripts with it.</summary>
internal static class PythonModules
{
    private static readonly string[] Candidates = ["/usr/bin/python3", "python3"];

    /// <summary>The first interpreter that imports every module, or null.</summary>
    public static string? Find(params string[] modules)
    {
        foreach (var python in Candidates)
        {
            try
            {
                var (code, _, _) = Run(python, "import " + string.Join(", ", modules), []);
                if (code == 0) return python;
            }
            catch (Win32Exception)
            {
                // not installed under this name
            }
        }
        return null;
    }

    /// <summary>Runs <c>python -c script args...</c> and returns the exit code, stdout and stderr.</summary>
    public static (int Code, string Out, string Error) Run(string python, string script, IEnumerable<string> args, int timeoutSeconds = 300)
    {
        var info = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutSeconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{python} did not finish in {timeoutSeconds} s.");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}

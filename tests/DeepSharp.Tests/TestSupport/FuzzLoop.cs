using System.Diagnostics;

namespace DeepSharp.Tests.TestSupport;

/// <summary>
/// The loop shared by the mutation fuzz tests: every input must either be accepted or be refused
/// with the reader's own format exception, never another exception, and allocate no more than a
/// fixed amount plus a multiple of its length.
/// </summary>
internal static class FuzzLoop
{
    /// <summary>Environment variable overriding every fuzz test's iteration count (the long runs of
    /// tests/fuzz/run-long.sh set it to 100,000 or more).</summary>
    public const string IterationsVariable = "DEEPSHARP_FUZZ_ITERATIONS";

    /// <summary>Environment variable naming a folder where inputs with an unexpected outcome are
    /// saved, to be kept under tests/DeepSharp.Tests/Fuzz/Crashers/&lt;format&gt; as regression files.</summary>
    public const string CrashersVariable = "DEEPSHARP_FUZZ_CRASHERS";

    /// <summary>The iteration count: <paramref name="ciDefault"/> (seconds of work, as CI runs it) unless
    /// <see cref="IterationsVariable"/> says otherwise.</summary>
    public static int Iterations(int ciDefault) =>
        int.TryParse(Environment.GetEnvironmentVariable(IterationsVariable), out int n) && n > 0 ? n : ciDefault;

    /// <summary>One fuzz input: its bytes, how it was made (for failure messages) and the work to try on it.</summary>
    internal readonly record struct Case(byte[] Bytes, string Description, Action Run);

    /// <summary>What the loop saw; <see cref="Unexpected"/> lists the failures, first to last.</summary>
    internal sealed record Outcome(int Accepted, int Rejected, long WorstAllocation, int WorstLength, long Milliseconds, IReadOnlyList<string> Unexpected)
    {
        /// <summary>Fails with the first ten unexpected outcomes, if there were any.</summary>
        public void AssertNothingUnexpected() => Assert.True(Unexpected.Count == 0, string.Join("\n", Unexpected.Take(10)));

        /// <summary>Fails on anything unexpected, then unless both outcomes were common: otherwise
        /// the mutations are not probing the reader.</summary>
        public void AssertBothOutcomesCommon(int minAccepted, int minRejected)
        {
            AssertNothingUnexpected();
            Assert.True(Accepted >= minAccepted && Rejected >= minRejected,
                $"accepted {Accepted} (want at least {minAccepted}), rejected {Rejected} (want at least {minRejected})");
        }
    }

    /// <summary>Runs <paramref name="iterations"/> cases made by <paramref name="next"/> (given the
    /// iteration number; it draws all its randomness there, so the sequence depends on the seed alone).</summary>
    /// <param name="checkRejection">Asserts on each <typeparamref name="TRejection"/>; a failure there fails the test at once.</param>
    /// <param name="fixedBytes">Allocation allowed for any input (exception stack traces, reader state).</param>
    /// <param name="bytesPerInputByte">Allocation allowed per byte of input.</param>
    public static Outcome Run<TRejection>(int iterations, Func<int, Case> next, Action<TRejection> checkRejection,
        long fixedBytes, long bytesPerInputByte) where TRejection : Exception
    {
        var unexpected = new List<string>();
        int accepted = 0, rejected = 0, worstLength = 0;
        long worstAllocation = 0;
        var clock = Stopwatch.StartNew();
        for (int iteration = 0; iteration < iterations; iteration++)
        {
            var (bytes, description, run) = next(iteration);
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                run();
                accepted++;
            }
            catch (TRejection ex)
            {
                checkRejection(ex);
                rejected++;
            }
            catch (Exception ex)
            {
                unexpected.Add($"iteration {iteration} ({description}): {ex.GetType().Name}: {ex.Message}");
                SaveCrasher(bytes, ex);
            }
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated > fixedBytes + bytesPerInputByte * bytes.Length)
                unexpected.Add($"iteration {iteration} ({description}): allocated {allocated} bytes for a {bytes.Length}-byte input");
            if (allocated > worstAllocation) (worstAllocation, worstLength) = (allocated, bytes.Length);
        }
        return new Outcome(accepted, rejected, worstAllocation, worstLength, clock.ElapsedMilliseconds, unexpected);
    }

    private static void SaveCrasher(byte[] bytes, Exception ex)
    {
        if (Environment.GetEnvironmentVariable(CrashersVariable) is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        string hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes))[..16].ToLowerInvariant();
        File.WriteAllBytes(Path.Combine(folder, $"{ex.GetType().Name}-{hash}.bin"), bytes);
    }
}

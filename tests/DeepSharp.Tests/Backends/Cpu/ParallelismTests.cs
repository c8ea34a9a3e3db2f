using DeepSharp.Backends;
using DeepSharp.Backends.Cpu;

namespace DeepSharp.Tests.Backends.Cpu;

/// <summary>The range splitter: covers every index exactly once, respects the limits, never deadlocks.</summary>
public sealed class ParallelismTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(7, 1)]
    [InlineData(1000, 10)]
    [InlineData(1001, 1)]
    [InlineData(100, 1000)]
    public void EveryIndexIsVisitedOnce(int count, int minPerThread)
    {
        var hits = new int[count];
        int calls = 0;
        Parallelism.For(count, minPerThread, (start, end) =>
        {
            Interlocked.Increment(ref calls);
            Assert.True(start < end, $"empty range [{start}, {end})");
            for (int i = start; i < end; i++) Interlocked.Increment(ref hits[i]);
        });
        Assert.All(hits, h => Assert.Equal(1, h));
        // (MaxThreads is global and other test classes change it concurrently: bound by minPerThread only)
        Assert.InRange(calls, count == 0 ? 0 : 1, Math.Max(1, count / minPerThread));
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(1, 5)]
    [InlineData(100, 7)]
    [InlineData(100_000, 1000)]
    public void ChunksCoverEveryIndexOnce(int count, int chunk)
    {
        var hits = new int[count];
        var sizes = new System.Collections.Concurrent.ConcurrentBag<int>();
        Parallelism.ForChunks(count, chunk, (start, end) =>
        {
            sizes.Add(end - start);
            for (int i = start; i < end; i++) Interlocked.Increment(ref hits[i]);
        });
        Assert.All(hits, h => Assert.Equal(1, h));
        if (sizes.Count > 1) // split (unless another test had set MaxThreads to 1)
            Assert.All(sizes, s => Assert.InRange(s, chunk / 2, chunk + 1));
        Assert.Equal("chunkSize", Assert.Throws<ArgumentOutOfRangeException>(() => Parallelism.ForChunks(1, 0, (_, _) => { })).ParamName);
    }

    [Fact]
    public void RangesAreContiguousAndCoverTheWholeRange()
    {
        var ranges = new System.Collections.Concurrent.ConcurrentBag<(int, int)>();
        Parallelism.For(10_000, 1, (s, e) => ranges.Add((s, e)));
        var sorted = ranges.OrderBy(r => r.Item1).ToArray();
        Assert.InRange(sorted.Length, 1, 64);
        Assert.Equal(0, sorted[0].Item1);
        Assert.Equal(10_000, sorted[^1].Item2);
        for (int i = 1; i < sorted.Length; i++) Assert.Equal(sorted[i - 1].Item2, sorted[i].Item1);
    }

    [Fact]
    public async Task NestedCallsAndBlockedSchedulersDoNotDeadlock()
    {
        // A scheduler that runs one task at a time: Parallel.For waiting on tasks queued to it would hang.
        var scheduler = new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, 1).ExclusiveScheduler;
        long total = 0;
        var task = Task.Factory.StartNew(() =>
            Parallelism.For(64, 1, (s, e) =>
            {
                for (int i = s; i < e; i++)
                    Parallelism.For(100, 1, (s2, e2) => Interlocked.Add(ref total, e2 - s2));
            }), CancellationToken.None, TaskCreationOptions.None, scheduler);
        await task.WaitAsync(TimeSpan.FromSeconds(20)); // throws TimeoutException on a deadlock
        Assert.Equal(6400, total);
    }

    [Fact]
    public void ExceptionsReachTheCaller()
    {
        var ex = Assert.Throws<InvalidOperationException>(() =>
            Parallelism.For(1000, 1, (s, e) => { if (s > 0 || e == 1000) throw new InvalidOperationException("boom"); }));
        Assert.Equal("boom", ex.Message);
    }

    [Fact]
    public void ForRejectsANullBody()
    {
        Assert.Throws<ArgumentNullException>(() => Parallelism.For(1, 1, null!));
    }
}

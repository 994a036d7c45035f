namespace MapGuard.Tests.Async;

/// <summary>In-process maps through <see cref="IAsyncConcurrentMap{TKey, TValue}"/>: completed, allocation-free, same results.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2012:Use ValueTasks correctly", Justification = "The in-process adapters complete every ValueTask synchronously; these tests read them synchronously on purpose, to show it.")]
public sealed class SynchronousAsyncMapTests
{
    [Fact]
    public async Task EveryOperation_CompletesSynchronously_WithTheSynchronousResult()
    {
        CancellationToken cancellation = TestContext.Current.CancellationToken;
        var map = new ShardedMap<int, string>();
        IAsyncConcurrentMap<int, string> async = map.AsAsync();

        Assert.IsType<SynchronousAsyncMap<int, string>>(async);
        ValueTask<bool> added = async.TryAddAsync(1, "one", cancellation);
        Assert.True(added.IsCompletedSuccessfully);
        Assert.True(await added);
        Assert.False(await async.TryAddAsync(1, "uno", cancellation));
        Assert.Equal(new MapLookup<string>("one"), await async.TryGetValueAsync(1, cancellation));
        Assert.False((await async.TryGetValueAsync(9, cancellation)).Found);
        await async.SetAsync(2, "two", cancellation);
        Assert.True(await async.TryUpdateAsync(2, "deux", "two", cancellation));
        Assert.Equal("deux", await async.GetOrAddAsync(2, "x", cancellation));
        Assert.Equal("three", await async.GetOrAddAsync(3, _ => "three", cancellation));
        Assert.Equal("three!", await async.AddOrUpdateAsync(3, "new", (_, v) => v + "!", cancellation));
        Assert.Equal("four", await async.AddOrUpdateAsync(4, _ => "four", (_, v) => v + "!", cancellation));
        Assert.True(await async.ContainsKeyAsync(4, cancellation));
        Assert.Equal(4, await async.CountAsync(cancellation));

        var seen = new List<int>();
        await foreach (KeyValuePair<int, string> entry in async.WithCancellation(cancellation))
        {
            seen.Add(entry.Key);
        }

        Assert.Equal([1, 2, 3, 4], seen.Order());
        Assert.Equal(new MapLookup<string>("one"), await async.TryRemoveAsync(1, cancellation));
        await async.ClearAsync(cancellation);
        Assert.True(map.IsEmpty);
    }

    [Fact]
    public void ReadsAndUpdates_AllocateNothingPerCall()
    {
        var map = new ShardedMap<long, long>();
        IAsyncConcurrentMap<long, long> async = map.AsAsync();
        for (long i = 0; i < 64; i++)
        {
            map[i] = i;
        }

        long Run()
        {
            long sum = 0;
            for (long i = 0; i < 10_000; i++)
            {
                sum += async.TryGetValueAsync(i & 63).Result.Value;
                sum += async.TryUpdateAsync(i & 63, i & 63, i & 63).Result ? 1 : 0;
                sum += async.ContainsKeyAsync(i & 63).Result ? 1 : 0;
            }

            return sum;
        }

        // Warm up past tiering: until the optimized code is installed, a run can
        // allocate a little. On a busy machine that can take more than one run (seen: 1,184 bytes in the second), so
        // runs repeat until one allocates nothing, at most 20. A real per-call allocation makes every run allocate
        // at least 10,000 times its size, so no run reaches zero and the test still fails.
        long allocated = long.MaxValue;
        for (int run = 0; run < 20 && allocated != 0; run++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            Run();
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.Equal(0, allocated);
    }

    [Fact]
    public async Task ACancelledToken_ChangesNothing()
    {
        var map = new ShardedMap<int, int>();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        Assert.Throws<OperationCanceledException>(() => map.AsAsync().TryAddAsync(1, 1, cancelled.Token));
        Assert.Throws<OperationCanceledException>(() => map.AsAsyncCounter().AddWithinAsync(1, 1, 0, 9, createIfMissing: true, cancelled.Token));
        Assert.True(map.IsEmpty);
    }
}

namespace MapGuard.Tests.Async;

/// <summary>The in-process bounded add: its outcomes, the value type's range, and exactness under contention.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2012:Use ValueTasks correctly", Justification = "The in-process adapters complete every ValueTask synchronously; these tests read them synchronously on purpose, to show it.")]
public sealed class SynchronousCounterMapTests
{
    [Fact]
    public async Task AddWithin_AppliesInsideTheBounds_RefusesOutside_AndReportsMissingKeys()
    {
        CancellationToken cancellation = TestContext.Current.CancellationToken;
        var map = new LockFreeMap<string, int>();
        IAsyncCounterMap<string> counters = map.AsAsyncCounter();

        Assert.Equal(new CounterUpdate(CounterOutcome.Missing, 0), await counters.AddWithinAsync("a", -1, 0, 100, cancellationToken: cancellation));
        Assert.Equal(new CounterUpdate(CounterOutcome.OutOfRange, 0), await counters.AddWithinAsync("a", 500, 0, 100, createIfMissing: true, cancellation));
        Assert.True(map.IsEmpty);
        Assert.Equal(new CounterUpdate(CounterOutcome.Applied, 5), await counters.AddWithinAsync("a", 5, 0, 100, createIfMissing: true, cancellation));
        Assert.Equal(new CounterUpdate(CounterOutcome.Applied, 2), await counters.AddWithinAsync("a", -3, 0, 100, cancellationToken: cancellation));
        Assert.Equal(new CounterUpdate(CounterOutcome.OutOfRange, 2), await counters.AddWithinAsync("a", -3, 0, 100, cancellationToken: cancellation));

        map["b"] = int.MaxValue - 1;
        Assert.Equal(new CounterUpdate(CounterOutcome.OutOfRange, int.MaxValue - 1), await counters.AddWithinAsync("b", 2, long.MinValue, long.MaxValue, cancellationToken: cancellation));
        Assert.Equal(new CounterUpdate(CounterOutcome.OutOfRange, int.MaxValue - 1), await counters.AddWithinAsync("b", long.MaxValue, long.MinValue, long.MaxValue, cancellationToken: cancellation));
        Assert.Equal("minimum", Assert.Throws<ArgumentOutOfRangeException>(() => counters.AddWithinAsync("a", 1, 5, 4, cancellationToken: cancellation)).ParamName);
    }

    [Fact]
    public void FourThreadsTakingOneUnitEach_SellExactlyTheStock()
    {
        // Enough attempts that the threads overlap for tens of milliseconds after the barrier on a 2-core machine (a few
        // thousand finished before the next thread was scheduled, and a plain read-then-set passed).
        const int Stock = 200_000;
        const int AttemptsPerThread = 60_000;
        const int Threads = 4;
        var map = new ShardedMap<string, int>();
        map["sku"] = Stock;
        IAsyncCounterMap<string> counters = map.AsAsyncCounter();
        var remainders = new List<long>[Threads];
        using var start = new Barrier(Threads);
        Thread[] threads = [.. Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            remainders[t] = [];
            start.SignalAndWait();
            for (int i = 0; i < AttemptsPerThread; i++)
            {
                CounterUpdate update = counters.AddWithinAsync("sku", -1, 0, int.MaxValue).Result;
                if (update.Outcome == CounterOutcome.Applied)
                {
                    remainders[t].Add(update.Value);
                }
            }
        }))];
        foreach (Thread thread in threads)
        {
            thread.Start();
        }

        foreach (Thread thread in threads)
        {
            Assert.True(thread.Join(TimeSpan.FromSeconds(30)), "watchdog: a buyer did not finish");
        }

        long[] sold = [.. remainders.SelectMany(r => r).Order()];
        Assert.Equal(Enumerable.Range(0, Stock).Select(i => (long)i), sold); // every unit sold exactly once
        Assert.Equal(0, map["sku"]);
    }
}

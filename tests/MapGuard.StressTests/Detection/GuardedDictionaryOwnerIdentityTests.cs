namespace MapGuard.StressTests.Detection;

/// <summary>
/// The guard's idea of "the owner" must hold for every thread lifetime: after the biased owner exits, new threads
/// (whose stacks the C runtime may map inside the dead owner's stack range, and one of which may be given its managed
/// thread ID) must never both pass as the owner. The owner here runs on a 512 MB stack, which glibc unmaps at exit, so
/// the next thread stacks are typically mapped inside its old range.
/// </summary>
public sealed class GuardedDictionaryOwnerIdentityTests
{
    private const int KeysPerThread = 16;
    private const int OperationsPerThread = 40_000;
    private static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(GuardMode.Throw)]
    [InlineData(GuardMode.Report)]
    public void AfterTheBiasedOwnerExits_NewThreadsChurningTogether_AreCaughtAsTwoThreads_AndNoWriteIsLost(GuardMode mode)
    {
        var map = new GuardedDictionary<long, long>(0, ConstantHashComparer.Instance, new GuardOptions { Mode = mode, BiasAfterWrites = 64 });

        var owner = new Thread(() =>
        {
            for (long i = 0; i < 2_048; i++)
            {
                map[1_000_000 + (i % 1)] = i; // one key of the owner's, so the churners' keys start absent
            }
        }, maxStackSize: 512 << 20);
        owner.Start();
        Assert.True(owner.Join(Watchdog), "the owner did not finish");
        Assert.True(map.BiasedThreadId != 0, "the owner should hold the bias when it exits");

        var models = new Dictionary<long, long>[2];
        var reentries = new int[2];
        var thrownOverlaps = new int[2];
        var errors = new List<Exception>();
        using var start = new Barrier(2);
        var threads = new Thread[2];
        for (int t = 0; t < 2; t++)
        {
            int self = t;
            models[self] = [];
            threads[self] = new Thread(() =>
            {
                try
                {
                    Churn(map, self, start, models[self], ref reentries[self], ref thrownOverlaps[self]);
                }
                catch (Exception ex)
                {
                    lock (errors)
                    {
                        errors.Add(ex);
                    }
                }
            });
            threads[self].Start();
        }

        foreach (Thread thread in threads)
        {
            Assert.True(thread.Join(Watchdog), "a churning thread hung");
        }

        Assert.Empty(errors);
        Assert.Equal(0, reentries[0] + reentries[1]); // the churners are two threads: an overlap is never a re-entry
        if (mode == GuardMode.Report)
        {
            Assert.Equal(0, thrownOverlaps[0] + thrownOverlaps[1]); // Report mode never throws for an overlap
        }

        // Every write that was not refused took effect exactly once, and nothing else is in the map.
        var expected = new Dictionary<long, long> { [1_000_000] = 2_047 };
        foreach (Dictionary<long, long> model in models)
        {
            foreach ((long key, long value) in model)
            {
                expected.Add(key, value);
            }
        }

        Assert.Equal(expected.Count, map.Count);
        Assert.Equal(expected.OrderBy(e => e.Key), map.OrderBy(e => e.Key));
    }

    private static void Churn(GuardedDictionary<long, long> map, int self, Barrier start, Dictionary<long, long> model, ref int reentries, ref int thrownOverlaps)
    {
        var random = new Random(self + 1);
        long first = self * KeysPerThread;
        start.SignalAndWait();
        for (int i = 0; i < OperationsPerThread; i++)
        {
            long key = first + random.Next(KeysPerThread);
            bool set = random.Next(2) == 0;
            try
            {
                if (set)
                {
                    map[key] = i;
                    model[key] = i;
                }
                else
                {
                    bool removed = map.Remove(key);
                    bool present = model.Remove(key);
                    if (removed != present)
                    {
                        throw new InvalidOperationException($"Thread {self}: Remove({key}) returned {removed}, but its own history says {present}.");
                    }
                }
            }
            catch (ConcurrentAccessException ex)
            {
                thrownOverlaps++;
                if (ex.Violation!.IsReentry)
                {
                    reentries++;
                }
            }
        }
    }

    /// <summary>Every key hashes to 0, so both threads walk one chain: an unguarded overlap corrupts it quickly.</summary>
    private sealed class ConstantHashComparer : IEqualityComparer<long>
    {
        public static readonly ConstantHashComparer Instance = new();

        public bool Equals(long x, long y) => x == y;

        public int GetHashCode(long obj) => 0;
    }
}

using static MapGuard.Testing.Stress.StressHarness;

namespace MapGuard.Testing.Stress;

/// <summary>
/// Bounded stress scenarios for <c>GetOrAddOnce</c> and <c>AddOrUpdateOnce</c>: every thread asks for the same keys in
/// the same order, and each key's factory is slow (it sleeps), so the other threads arrive while it runs. The factories
/// count their calls; the checks are on those counts and on the stored data.
/// </summary>
public static class OnceFactoryScenarios
{
    // Long enough that the other threads reach the key while its factory runs, even on a busy 2-core machine.
    private static readonly TimeSpan s_factoryTime = TimeSpan.FromMilliseconds(2);

    /// <summary>A slow factory per key: it must run exactly once per key, and every caller gets its value.</summary>
    public static void SlowFactoryRunsOncePerKey(Func<IConcurrentMap<long, long>> factory, int threads, int keys = 40)
    {
        UntilOverlapped(() =>
        {
            IConcurrentMap<long, long> map = factory();
            int[] calls = new int[keys];
            long[][] seen = new long[threads][];
            Run(threads, t =>
            {
                long[] mine = seen[t] = new long[keys];
                for (int key = 0; key < keys; key++)
                {
                    mine[key] = map.GetOrAddOnce(key, k =>
                    {
                        int call = Interlocked.Increment(ref calls[k]);
                        Thread.Sleep(s_factoryTime);
                        return (k * 1_000) + (t * 10) + call; // says who ran it, and which run it was
                    });
                }
            });

            for (int key = 0; key < keys; key++)
            {
                Check(calls[key] == 1, $"Key {key}: the factory ran {calls[key]} times, expected exactly once.");
                Check(map.TryGetValue(key, out long stored), $"Key {key} is missing.");
                for (int t = 0; t < threads; t++)
                {
                    Check(seen[t][key] == stored, $"Key {key}: thread {t} got {seen[t][key]}, but {stored} is stored.");
                }
            }

            Check(map.Count == keys, $"Count is {map.Count}, expected {keys}.");
        });
    }

    /// <summary>
    /// Each key's first factory run throws: exactly one caller sees the exception, nothing is stored by that run, and
    /// exactly one more run (by a waiter) succeeds and serves everyone else.
    /// </summary>
    public static void ThrowingFactoryStoresNothingThenRunsOnceMore(Func<IConcurrentMap<long, long>> factory, int threads, int keys = 40)
    {
        UntilOverlapped(() =>
        {
            IConcurrentMap<long, long> map = factory();
            int[] calls = new int[keys];
            int[] thrown = new int[keys];
            int[] storedBeforeRun = new int[keys];
            long[][] seen = new long[threads][];
            Run(threads, t =>
            {
                long[] mine = seen[t] = new long[keys];
                for (int key = 0; key < keys; key++)
                {
                    try
                    {
                        mine[key] = map.GetOrAddOnce(key, k =>
                        {
                            int call = Interlocked.Increment(ref calls[k]);
                            if (map.ContainsKey(k))
                            {
                                Interlocked.Increment(ref storedBeforeRun[k]);
                            }

                            Thread.Sleep(s_factoryTime);
                            return call == 1 ? throw new FactoryFailedException(k) : (k * 1_000) + (t * 10) + call;
                        });
                    }
                    catch (FactoryFailedException ex) when (ex.Key == key)
                    {
                        Interlocked.Increment(ref thrown[key]);
                        mine[key] = -1;
                    }
                }
            });

            for (int key = 0; key < keys; key++)
            {
                Check(thrown[key] == 1, $"Key {key}: {thrown[key]} callers saw the factory's exception, expected exactly one.");
                Check(calls[key] == 2, $"Key {key}: the factory ran {calls[key]} times, expected one failed run and one good one.");
                Check(storedBeforeRun[key] == 0, $"Key {key}: a value was stored before a factory run of it.");
                Check(map.TryGetValue(key, out long stored), $"Key {key} is missing.");
                Check(stored % 10 == 2, $"Key {key}: stored {stored}, which is not the second run's value.");
                int served = 0;
                for (int t = 0; t < threads; t++)
                {
                    if (seen[t][key] != -1)
                    {
                        Check(seen[t][key] == stored, $"Key {key}: thread {t} got {seen[t][key]}, but {stored} is stored.");
                        served++;
                    }
                }

                Check(served == threads - 1, $"Key {key}: {served} callers got a value, expected {threads - 1}.");
            }
        });
    }

    /// <summary>
    /// Every thread adds 1 to every key with <c>AddOrUpdateOnce</c>, whose add factory is slow: each key's add factory
    /// runs exactly once, and the sums are exact.
    /// </summary>
    public static void AddOrUpdateOnceAddsOnceAndCountsExactly(Func<IConcurrentMap<long, long>> factory, int threads, int keys = 40, int incrementsPerKey = 50)
    {
        UntilOverlapped(() =>
        {
            IConcurrentMap<long, long> map = factory();
            int[] adds = new int[keys];
            Run(threads, _ =>
            {
                for (int round = 0; round < incrementsPerKey; round++)
                {
                    for (int key = 0; key < keys; key++)
                    {
                        map.AddOrUpdateOnce(
                            key,
                            k =>
                            {
                                Interlocked.Increment(ref adds[k]);
                                Thread.Sleep(s_factoryTime);
                                return 1;
                            },
                            static (_, v) => v + 1);
                    }
                }
            });

            for (int key = 0; key < keys; key++)
            {
                long expected = (long)threads * incrementsPerKey;
                Check(adds[key] == 1, $"Key {key}: the add factory ran {adds[key]} times, expected exactly once.");
                Check(map.TryGetValue(key, out long actual) && actual == expected, $"Counter {key} is {actual}, expected {expected}.");
            }
        });
    }

    /// <summary>The exception a scenario's factory throws on purpose.</summary>
    private sealed class FactoryFailedException(long key) : Exception($"The factory for key {key} failed on purpose.")
    {
        public long Key { get; } = key;
    }
}

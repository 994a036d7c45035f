using static MapGuard.Testing.Stress.StressHarness;

namespace MapGuard.Testing.Stress;

/// <summary>
/// Bounded stress scenarios. Each starts its threads at a barrier, runs a fixed number of operations, then checks
/// the map's data and throws <see cref="IntegrityException"/> on any violation. Each repeats, with a fresh map, until
/// its threads ran at the same time (<see cref="StressHarness.UntilOverlapped"/>). They take a factory so the same
/// scenario runs against real maps (must pass) and deliberately broken ones (must fail).
/// </summary>
public static class StressScenarios
{
    /// <summary>Every thread adds 1 to every key many times with <c>AddOrUpdate</c>; the sums must be exact.</summary>
    public static void CountersAreExact(Func<IConcurrentMap<long, long>> factory, int threads, int keys = 16, int incrementsPerKey = 4_000)
    {
        UntilOverlapped(() =>
        {
            IConcurrentMap<long, long> map = factory();
            Run(threads, _ =>
            {
                for (int round = 0; round < incrementsPerKey; round++)
                {
                    for (long key = 0; key < keys; key++)
                    {
                        map.AddOrUpdate(key, 1, static (_, v) => v + 1);
                    }
                }
            });

            for (long key = 0; key < keys; key++)
            {
                long expected = (long)threads * incrementsPerKey;
                Check(map.TryGetValue(key, out long actual) && actual == expected, $"Counter {key} is {actual}, expected {expected}: increments were lost.");
            }

            Check(map.Count == keys, $"Count is {map.Count}, expected {keys}.");
        });
    }

    /// <summary>All threads <c>TryAdd</c> the same keys in the same order; each key must have exactly one winner, whose value is stored.</summary>
    public static void ContestedTryAddHasOneWinner(Func<IConcurrentMap<long, long>> factory, int threads, int keys = 50_000)
    {
        UntilOverlapped(() =>
        {
            IConcurrentMap<long, long> map = factory();
            int[] wins = new int[keys];
            long[] winner = new long[keys];
            Run(threads, t =>
            {
                for (int key = 0; key < keys; key++)
                {
                    if (map.TryAdd(key, t + 1))
                    {
                        Interlocked.Increment(ref wins[key]);
                        Volatile.Write(ref winner[key], t + 1);
                    }
                }
            });

            for (int key = 0; key < keys; key++)
            {
                Check(wins[key] == 1, $"Key {key} had {wins[key]} TryAdd winners, expected exactly 1.");
                Check(map.TryGetValue(key, out long stored) && stored == winner[key], $"Key {key} holds {stored}, but thread value {winner[key]} won the TryAdd.");
            }

            Check(map.Count == keys, $"Count is {map.Count}, expected {keys}.");
        });
    }

    /// <summary>All threads <c>TryRemove</c> the same pre-filled keys; each key must be removed exactly once, with its value.</summary>
    public static void ContestedTryRemoveHasOneWinner(Func<IConcurrentMap<long, long>> factory, int threads, int keys = 50_000)
    {
        UntilOverlapped(() =>
        {
            IConcurrentMap<long, long> map = factory();
            for (long key = 0; key < keys; key++)
            {
                map[key] = key * 7;
            }

            int[] removals = new int[keys];
            int[] wrongValues = new int[1];
            Run(threads, _ =>
            {
                for (int key = 0; key < keys; key++)
                {
                    if (map.TryRemove(key, out long value))
                    {
                        Interlocked.Increment(ref removals[key]);
                        if (value != key * 7L)
                        {
                            Interlocked.Increment(ref wrongValues[0]);
                        }
                    }
                }
            });

            for (int key = 0; key < keys; key++)
            {
                Check(removals[key] == 1, $"Key {key} was removed {removals[key]} times, expected exactly 1.");
            }

            Check(wrongValues[0] == 0, $"{wrongValues[0]} removals returned a value that was never stored.");
            Check(map.Count == 0 && map.IsEmpty && CountByEnumeration(map) == 0, $"After removing every key, Count is {map.Count}.");
        });
    }

    /// <summary>
    /// Each thread adds and removes its own keys at random. At the end, presence and <c>Count</c> must match each
    /// thread's last operation per key, and enumeration must agree with both.
    /// </summary>
    public static void ChurnMatchesLastOperation(Func<IConcurrentMap<long, long>> factory, int threads, int keysPerThread = 512, int operationsPerThread = 100_000)
    {
        UntilOverlapped(() =>
        {
            IConcurrentMap<long, long> map = factory();
            var expected = new Dictionary<long, long>[threads];
            Run(threads, t =>
            {
                var mine = new Dictionary<long, long>();
                var random = new Random(1000 + t);
                for (int i = 0; i < operationsPerThread; i++)
                {
                    long key = ((long)t << 32) | (uint)random.Next(keysPerThread);
                    switch (random.Next(4))
                    {
                        case 0:
                            if (map.TryAdd(key, i) != mine.TryAdd(key, i))
                            {
                                throw new IntegrityException($"TryAdd({key}) disagreed with the thread's own record.");
                            }

                            break;
                        case 1:
                            map[key] = i;
                            mine[key] = i;
                            break;
                        default:
                            if (map.TryRemove(key, out long removed) != mine.Remove(key, out long mineRemoved) || removed != mineRemoved)
                            {
                                throw new IntegrityException($"TryRemove({key}) disagreed with the thread's own record.");
                            }

                            break;
                    }
                }

                expected[t] = mine;
            });

            int total = 0;
            for (int t = 0; t < threads; t++)
            {
                total += expected[t].Count;
                for (int k = 0; k < keysPerThread; k++)
                {
                    long key = ((long)t << 32) | (uint)k;
                    bool shouldHave = expected[t].TryGetValue(key, out long value);
                    bool has = map.TryGetValue(key, out long actual);
                    Check(has == shouldHave && (!has || actual == value), $"Key {key}: map has={has} value={actual}, last operation says has={shouldHave} value={value}.");
                }
            }

            Check(map.Count == total, $"Count is {map.Count}, but the threads' last operations leave {total} keys.");
            var enumerated = map.ToList();
            Check(enumerated.Count == total, $"Enumeration yields {enumerated.Count} entries, expected {total}.");
            Check(enumerated.Select(p => p.Key).Distinct().Count() == total, "Enumeration yields a key twice.");
        });
    }

    /// <summary>Grows a default-constructed map to <paramref name="totalKeys"/> keys from several threads; nothing may be lost.</summary>
    public static void ResizeStormLosesNothing(Func<IConcurrentMap<long, long>> factory, int threads, int totalKeys = 800_000)
    {
        UntilOverlapped(() =>
        {
            IConcurrentMap<long, long> map = factory();
            int perThread = totalKeys / threads;
            int[] failedAdds = new int[1];
            Run(threads, t =>
            {
                // Interleave the threads' key ranges so both hit the same shards and grow them together.
                for (long i = 0; i < perThread; i++)
                {
                    long key = (i * threads) + t;
                    if (!map.TryAdd(key, ~key))
                    {
                        Interlocked.Increment(ref failedAdds[0]);
                    }
                }
            });

            long expectedCount = (long)perThread * threads;
            Check(failedAdds[0] == 0, $"{failedAdds[0]} TryAdd calls of fresh keys returned false.");
            Check(map.Count == expectedCount, $"Count is {map.Count} after the storm, expected {expectedCount}.");
            for (long key = 0; key < expectedCount; key++)
            {
                Check(map.TryGetValue(key, out long value) && value == ~key, $"Key {key} was lost or corrupted in the resize storm.");
            }

            Check(CountByEnumeration(map) == expectedCount, "Enumeration disagrees with Count after the resize storm.");
        });
    }

    /// <summary>Writers overwrite wide struct values while readers check that no read ever sees half of two writes.</summary>
    public static void WideValuesNeverTear(Func<IConcurrentMap<int, WideValue>> factory, int threads, int operationsPerThread = 200_000)
    {
        UntilOverlapped(() =>
        {
            IConcurrentMap<int, WideValue> map = factory();
            const int Keys = 8;
            for (int key = 0; key < Keys; key++)
            {
                map[key] = WideValue.Of(0);
            }

            Run(threads, t =>
            {
                for (int i = 0; i < operationsPerThread; i++)
                {
                    int key = i % Keys;
                    if ((t & 1) == 0)
                    {
                        map[key] = WideValue.Of(i);
                    }
                    else if (map.TryGetValue(key, out WideValue seen) && !seen.IsWhole)
                    {
                        throw new IntegrityException($"Torn read of key {key}: {seen}.");
                    }
                }
            });
        });
    }

    /// <summary>Counts entries by walking the enumerator, independently of the map's own Count.</summary>
    public static int CountByEnumeration<TKey, TValue>(IConcurrentMap<TKey, TValue> map)
        where TKey : notnull
    {
        int count = 0;
        foreach (KeyValuePair<TKey, TValue> _ in map)
        {
            count++;
        }

        return count;
    }
}

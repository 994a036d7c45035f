using MapGuard.StressTests.Suites;
using MapGuard.Testing.Stress;
using static MapGuard.Testing.Stress.StressHarness;

namespace MapGuard.StressTests.Maps;

public sealed class ReadMostlyMapStressTests : MapStressSuite
{
    protected override IConcurrentMap<TKey, TValue> Create<TKey, TValue>() => new ReadMostlyMap<TKey, TValue>();

    /// <summary>
    /// Workers remove and re-add contested keys, lock-free while the keys sit in the read table, while thread 0 forces a
    /// promotion on every pass (a fresh key, then an enumeration). Each promotion expunges the entries that are removed
    /// at that instant, racing the workers' revivals. Every key's successful adds minus successful removes must equal its
    /// final presence: a lost revival, or a key that ends up with two entries, breaks that.
    /// </summary>
    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void RemoveAndReadd_RacingPromotions_NeverLosesOrDuplicatesAKey(int threads)
    {
        const int Keys = 64;
        const int Passes = 150_000;
        var map = new ReadMostlyMap<long, long>();
        for (long key = 0; key < Keys; key++)
        {
            map[key] = -1;
        }

        int[] adds = new int[Keys];
        int[] removes = new int[Keys];
        int running = threads - 1;
        int promoterPasses = 0;
        Run(threads, t =>
        {
            if (t == 0)
            {
                for (long fresh = 1_000_000; Volatile.Read(ref running) > 0; fresh++)
                {
                    map[fresh] = fresh;
                    _ = StressScenarios.CountByEnumeration(map);
                    Check(map.TryRemove(fresh, out long value) && value == fresh, $"Fresh key {fresh} was lost.");
                    promoterPasses++;
                }

                return;
            }

            var random = new Random(t);
            for (int i = 0; i < Passes; i++)
            {
                int key = random.Next(Keys);

                // Every call's value is unique, so a GetOrAdd or AddOrUpdate that returns it is the call that added.
                long token = ((long)t << 32) | (uint)i;
                bool added = false;
                switch (random.Next(5))
                {
                    case 0:
                    case 1:
                        if (map.TryRemove(key, out _))
                        {
                            Interlocked.Increment(ref removes[key]);
                        }

                        break;
                    case 2:
                        added = map.TryAdd(key, token);
                        break;
                    case 3:
                        added = map.AddOrUpdate(key, token, static (_, v) => v) == token;
                        break;
                    default:
                        added = map.GetOrAdd(key, _ => token) == token;
                        break;
                }

                if (added)
                {
                    Interlocked.Increment(ref adds[key]);
                }
            }

            Interlocked.Decrement(ref running);
        });

        // Every key started present, so at the end it is present exactly when 1 + adds - removes is 1.
        int present = 0;
        for (int key = 0; key < Keys; key++)
        {
            bool has = map.ContainsKey(key);
            present += has ? 1 : 0;
            int balance = 1 + adds[key] - removes[key];
            Check(balance == (has ? 1 : 0), $"Key {key}: {adds[key]} adds and {removes[key]} removes after starting present, but present={has}.");
        }

        Check(map.Count == present, $"Count is {map.Count}, but {present} keys are present.");
        Check(StressScenarios.CountByEnumeration(map) == present, "Enumeration disagrees with Count.");
        Check(promoterPasses >= 100, $"Only {promoterPasses} promotions raced the workers: the test proved too little.");
    }

    /// <summary>
    /// Workers hammer AddOrUpdate counters on keys in the read table, lock-free, while thread 0 adds a fresh key on each
    /// pass and reads it until its misses pay for a promotion, then removes it. So the read table is replaced again and
    /// again underneath the counters' CASes. Not one increment may be lost.
    /// </summary>
    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void Counters_StayExact_WhilePromotionsReplaceTheReadTable(int threads)
    {
        const int Counters = 16;
        const int Increments = 40_000;
        var map = new ReadMostlyMap<long, long>();
        for (long key = 0; key < Counters; key++)
        {
            map[key] = 0;
        }

        int running = threads - 1;
        int promotionsBefore = map.PromotionCount;
        Run(threads, t =>
        {
            if (t == 0)
            {
                for (long fresh = 1_000_000; Volatile.Read(ref running) > 0; fresh++)
                {
                    map[fresh] = fresh;

                    // The map holds about Counters + 1 keys, so this many misses always promote the fresh key.
                    for (int read = 0; read < 2 * (Counters + 2); read++)
                    {
                        Check(map.TryGetValue(fresh, out long value) && value == fresh, $"Fresh key {fresh} was lost.");
                    }

                    Check(map.TryRemove(fresh, out _), $"Fresh key {fresh} could not be removed.");
                }

                return;
            }

            for (int round = 0; round < Increments; round++)
            {
                for (long key = 0; key < Counters; key++)
                {
                    map.AddOrUpdate(key, 1, static (_, v) => v + 1);
                }
            }

            Interlocked.Decrement(ref running);
        });

        long expected = (long)(threads - 1) * Increments;
        for (long key = 0; key < Counters; key++)
        {
            Check(map.TryGetValue(key, out long actual) && actual == expected, $"Counter {key} is {actual}, expected {expected}: increments were lost.");
        }

        Check(map.Count == Counters, $"Count is {map.Count}, expected {Counters}.");
        int promotions = map.PromotionCount - promotionsBefore;
        Check(promotions >= 100, $"Only {promotions} promotions raced the counters: the test proved too little.");
        TestContext.Current.SendDiagnosticMessage($"{promotions} promotions raced {threads - 1} counter threads.");
    }
}

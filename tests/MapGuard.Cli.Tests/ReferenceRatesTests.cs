using MapGuard.Cli.HitRate;

namespace MapGuard.Cli.Tests;

public sealed class ReferenceRatesTests
{
    // Keys 1 2 3 1 2 4 1 2 3 4: LRU of 2 hits nothing; Belady keeps 1 and 2 (never 3 or 4, used too late) and hits the
    // four re-reads of 1 and 2. With room for 1, it keeps key 1 and hits its two re-reads.
    private static readonly long[] s_trace = [1, 2, 3, 1, 2, 4, 1, 2, 3, 4];

    [Fact]
    public void NextUses_PointsAtTheNextAccessToTheSameKey()
    {
        Assert.Equal([3, 4, 8, 6, 7, 9, int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue], ReferenceRates.NextUses(s_trace));
    }

    [Theory]
    [InlineData(1, 0.2)]
    [InlineData(2, 0.4)]
    [InlineData(3, 0.5)]
    [InlineData(4, 0.6)]
    [InlineData(100, 0.6)]
    public void Optimal_OnAHandComputedTrace_GivesBeladysHitRate(int capacity, double expected)
    {
        Assert.Equal(expected, ReferenceRates.Optimal(ReferenceRates.NextUses(s_trace), capacity, TestContext.Current.CancellationToken), 10);
    }

    [Fact]
    public void Unbounded_MissesOnlyTheFirstAccessToEachKey()
    {
        Assert.Equal(0.6, ReferenceRates.Unbounded(ReferenceRates.NextUses(s_trace)), 10);
    }

    [Fact]
    public void Optimal_MatchesAnExhaustiveSearchOnSmallRandomTraces()
    {
        // Every choice of what to keep on every miss, searched with memoization: the best hit count there is.
        var random = new Random(7);
        for (int round = 0; round < 200; round++)
        {
            long[] keys = [.. Enumerable.Range(0, random.Next(1, 24)).Select(_ => (long)random.Next(6))];
            int capacity = random.Next(1, 5);

            double optimal = ReferenceRates.Optimal(ReferenceRates.NextUses(keys), capacity, TestContext.Current.CancellationToken);

            Assert.Equal((double)BestHits(keys, capacity) / keys.Length, optimal, 10);
        }
    }

    // Cache contents as a bitmask of keys 0-5; on a miss the new key may be kept in place of any key, or not kept.
    private static int BestHits(long[] keys, int capacity)
    {
        var memo = new Dictionary<(int, int), int>();
        return Best(0, 0);

        int Best(int position, int cache)
        {
            if (position == keys.Length)
            {
                return 0;
            }

            if (memo.TryGetValue((position, cache), out int known))
            {
                return known;
            }

            int bit = 1 << (int)keys[position];
            int best;
            if ((cache & bit) != 0)
            {
                best = 1 + Best(position + 1, cache);
            }
            else
            {
                best = Best(position + 1, cache); // not kept
                if (System.Numerics.BitOperations.PopCount((uint)cache) < capacity)
                {
                    best = Math.Max(best, Best(position + 1, cache | bit));
                }
                else
                {
                    for (int evicted = cache; evicted != 0; evicted &= evicted - 1)
                    {
                        best = Math.Max(best, Best(position + 1, (cache & ~(evicted & -evicted)) | bit));
                    }
                }
            }

            memo[(position, cache)] = best;
            return best;
        }
    }
}

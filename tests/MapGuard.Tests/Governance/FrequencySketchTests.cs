using MapGuard.Bounded.Policies;

namespace MapGuard.Tests.Governance;

public sealed class FrequencySketchTests
{
    [Fact]
    public void OneHitKeys_RarelyLookFrequent_EvenWhenTheMapsHashIsLinearInSequentialKeys()
    {
        // The maps hash an int key as ((key * m) + c) >> 32 under a per-map seed (m, c): linear, so sequential keys
        // form a lattice. Counters picked by another linear step would line up with it for some seeds, and a scan of
        // one-hit keys would then share all four counters with the frequent keys. Over 300 seeds, count the one-hit
        // keys that look frequent (estimate 5 or more). Measured with this fixed seed: picking counters with a plain
        // multiply gave 13 in the worst seed, and 6 seeds of 300 had 5 or more; with the avalanche, 4 at worst.
        var random = new Random(20261126);
        int worst = 0, fivePlus = 0;
        for (int seed = 0; seed < 300; seed++)
        {
            ulong multiplier = (ulong)random.NextInt64() | 1;
            ulong increment = (ulong)random.NextInt64();
            uint Hash(int key) => (uint)((((ulong)(uint)key * multiplier) + increment) >> 32);

            var sketch = new FrequencySketch(capacity: 100);
            sketch.EnsureCapacity(100);
            for (int round = 0; round < 10; round++)
            {
                for (int hot = 0; hot < 90; hot++)
                {
                    sketch.Increment(Hash(hot));
                }
            }

            int lookFrequent = 0;
            for (int scan = 1_000; scan < 1_500; scan++)
            {
                sketch.Increment(Hash(scan));
                if (sketch.Frequency(Hash(scan)) >= 5)
                {
                    lookFrequent++;
                }
            }

            worst = Math.Max(worst, lookFrequent);
            fivePlus += lookFrequent >= 5 ? 1 : 0;
        }

        TestContext.Current.SendDiagnosticMessage($"worst {worst}, seeds with 5+: {fivePlus}");
        Assert.True(worst <= 6, $"in the worst seed {worst} of 500 one-hit keys looked frequent");
    }

    [Fact]
    public void FrequentKeys_AreEstimatedAboveOneHitKeys()
    {
        var sketch = new FrequencySketch(capacity: 1_000);
        sketch.EnsureCapacity(1_000);
        for (int round = 0; round < 8; round++)
        {
            for (uint hot = 0; hot < 50; hot++)
            {
                sketch.Increment(hot * 2_654_435_761u);
            }
        }

        for (uint hot = 0; hot < 50; hot++)
        {
            Assert.InRange(sketch.Frequency(hot * 2_654_435_761u), 8, 15);
        }

        Assert.Equal(0, sketch.Frequency(123_456_789u));
    }

    [Theory]
    [InlineData(100)]    // a table of 128 words
    [InlineData(3_869)]  // 4,096 words: the old rule (ten times the table) halved after 40,960 increments
    [InlineData(77_377)] // 131,072 words: the old rule halved after 1,310,720
    public void TheFirstHalving_ComesAfterTwentyIncrementsPerKeyOfCapacity_WhateverTheTablesLength(int capacity)
    {
        // The period follows the capacity, not the table's power-of-two length, so every map remembers as long.
        var sketch = new FrequencySketch(capacity);
        sketch.EnsureCapacity(capacity);
        int period = FrequencySketch.PeriodMultiple * capacity;
        const uint hot = 2_654_435_761u;
        for (int i = 0; i < 12; i++)
        {
            sketch.Increment(hot);
        }

        for (uint other = 1; other < period - 12; other++) // one increment short of the period
        {
            sketch.Increment(unchecked(other * 40_503u));
        }

        int before = sketch.Frequency(hot);
        Assert.False(sketch.ResetIfDue());
        Assert.Equal(before, sketch.Frequency(hot));

        sketch.Increment(unchecked((uint)period * 40_503u)); // a key not counted before
        Assert.True(sketch.ResetIfDue());
        Assert.Equal(before >> 1, sketch.Frequency(hot));
    }

    [Fact]
    public void Increments_OnReaderThreadsNeverHalve_TheLockHoldersResetIfDueDoes()
    {
        // Readers must do O(1) work: a sample period's worth of increments leaves the counts alone until the writer
        // that holds the map's lock calls ResetIfDue, which halves every counter exactly once per period due.
        const int capacity = 64;
        const int period = FrequencySketch.PeriodMultiple * capacity;
        var sketch = new FrequencySketch(capacity);
        const uint hot = 2_654_435_761u;
        for (int i = 0; i < 12; i++)
        {
            sketch.Increment(hot);
        }

        for (uint other = 1; other <= period - 12; other++) // with the hot key's 12: one period
        {
            sketch.Increment(other * 40_503u);
        }

        int before = sketch.Frequency(hot);
        Assert.InRange(before, 12, 15);
        sketch.ResetIfDue();
        Assert.Equal(before >> 1, sketch.Frequency(hot));
        sketch.ResetIfDue();
        Assert.Equal(before >> 1, sketch.Frequency(hot)); // not due again until another period of increments

        for (uint other = 1; other <= 8 * period; other++)
        {
            sketch.Increment(other * 7_919u);
        }

        sketch.ResetIfDue(); // four or more periods due: every counter is empty
        Assert.Equal(0, sketch.Frequency(hot));
    }
}

using MapGuard.Testing.Governance;

namespace MapGuard.StressTests.Governance;

/// <summary>
/// The scan-resistance check of <c>CapacityTests</c> over many seeds at once: each map draws its own hash seed, and
/// the frequency sketch once failed for about one seed in a hundred (docs/design/bounded-maps.md).
/// </summary>
public sealed class TinyLfuSeedSweepTests
{
    private const int Maps = 2_000;

    [Fact]
    public void FrequentKeys_SurviveAScan_UnderEverySeed()
    {
        var survivors = new int[91];
        for (int map = 0; map < Maps; map++)
        {
            survivors[ScanScenario.FrequentKeysSurviving(MapBuilder.For<int, int>().WithCapacity(ScanScenario.Capacity, Eviction.TinyLfu).Build())]++;
        }

        string histogram = string.Join(", ", Enumerable.Range(0, 91).Where(n => survivors[n] > 0).Select(n => $"{n}: {survivors[n]}"));
        TestContext.Current.SendDiagnosticMessage($"frequent keys (of 90) that survived, over {Maps} maps: {histogram}");
        int worst = Array.FindIndex(survivors, count => count > 0);
        double mean = Enumerable.Range(0, 91).Sum(n => (double)n * survivors[n]) / Maps;

        // Before the sketch mixed its hash, about 1% of maps kept only 79 (every probation key lost); since, none
        // has kept fewer than 86 in the runs so far. 84 leaves room for a rare unlucky seed without hiding the bug.
        Assert.True(worst >= 84, $"a map kept only {worst} of 90 frequent keys; {histogram}");
        Assert.True(mean >= 89, $"mean {mean:F2} of 90; {histogram}");
    }
}

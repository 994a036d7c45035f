using MapGuard.Testing.Stress;

namespace MapGuard.StressTests;

/// <summary>The harness measures whether a run's workers were inside their bodies at the same time, and a scenario
/// that never overlaps fails instead of passing without having tested anything.</summary>
public sealed class StressHarnessTests
{
    [Fact]
    public void Run_MeasuresTheTimeAllWorkersSpentInsideTogether()
    {
        TimeSpan overlap = StressHarness.Run(2, _ => Thread.Sleep(50));

        Assert.Equal(overlap, StressHarness.LastOverlap);
        Assert.InRange(overlap, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void UntilOverlapped_FailsWhenNoRunOverlaps_AndStopsAtTheFirstThatDoes()
    {
        int runs = 0;
        var ex = Assert.Throws<IntegrityException>(() => StressHarness.UntilOverlapped(() =>
        {
            runs++;
            return TimeSpan.Zero;
        }, attempts: 5));
        Assert.Equal(5, runs);
        Assert.Contains("never ran at the same time in 5 runs", ex.Message, StringComparison.Ordinal);

        runs = 0;
        int took = StressHarness.UntilOverlapped(() => ++runs < 3 ? TimeSpan.FromTicks(-1) : TimeSpan.FromTicks(1), attempts: 5);
        Assert.Equal(3, took);
    }

    [Fact]
    public void UntilOverlapped_PropagatesAFailedCheckAtOnce()
    {
        int runs = 0;
        Assert.Throws<IntegrityException>(() => StressHarness.UntilOverlapped(() =>
        {
            runs++;
            StressHarness.Check(false, "lost an entry");
        }));
        Assert.Equal(1, runs);
    }
}

using CsCheck;
using MapGuard.Testing.Linearizability;

namespace MapGuard.StressTests.Suites;

public abstract partial class MapStressSuite
{
    // Histories whose calls overlap in time are the ones that test anything. CI checks 3,000 of them per map, recording
    // up to 300,000 histories (a few seconds) to find them; on an idle 2-core machine about a third overlap. A machine
    // so loaded that fewer than 1,000 overlap fails the test rather than let it pass having proved nothing.
    private const int OverlappingHistories = 3_000;
    private const int MinimumOverlapping = 1_000;
    private const int MaxHistories = 300_000;

    /// <summary>
    /// The share of the linearizability histories and parallel samples to run: <see cref="WorkScale"/> unless a map
    /// overrides it. Histories are short (15 calls on 3 keys), so a network map can afford a larger share of them than
    /// of the bulk stress scenarios.
    /// </summary>
    protected virtual double HistoryScale => WorkScale;

    /// <summary><paramref name="full"/> scaled by <see cref="HistoryScale"/>, at least 1.</summary>
    protected int ScaledHistories(int full) => Math.Max(1, (int)(full * HistoryScale));

    [Fact]
    public void RecordedHistories_OfThreeThreadsOnThreeKeys_AreLinearizable()
    {
        LinearizabilityReport report = LinearizabilityRunner.Run(
            Create<int, int>, ScaledHistories(MaxHistories), seed: 20261126, enoughOverlapping: ScaledHistories(OverlappingHistories));
        Assert.True(report.Failure is null, report.Failure);
        Assert.True(
            report.Overlapping >= ScaledHistories(MinimumOverlapping),
            $"Only {report.Overlapping} of {report.Histories} histories had overlapping calls: the test proved too little.");
    }

    [Fact]
    public void ParallelSamples_EndInAStateSomeSequentialOrderReaches()
    {
        Gen<(int Key, int Value)> keyValue = Gen.Select(Gen.Int[0, 7], Gen.Int[0, 3]);
        Check.SampleParallel(
            Gen.Const(() => Create<int, int>()),
            [
                keyValue.Operation<IConcurrentMap<int, int>>(kv => $"TryAdd({kv.Key}, {kv.Value})", (m, kv) => m.TryAdd(kv.Key, kv.Value)),
                keyValue.Operation<IConcurrentMap<int, int>>(kv => $"Set({kv.Key}, {kv.Value})", (m, kv) => m[kv.Key] = kv.Value),
                keyValue.Operation<IConcurrentMap<int, int>>(kv => $"TryRemove({kv.Key})", (m, kv) => m.TryRemove(kv.Key, out _)),
                keyValue.Operation<IConcurrentMap<int, int>>(kv => $"TryUpdate({kv.Key}, {kv.Value + 1}, {kv.Value})", (m, kv) => m.TryUpdate(kv.Key, kv.Value + 1, kv.Value)),
                keyValue.Operation<IConcurrentMap<int, int>>(kv => $"AddOrUpdate({kv.Key}, {kv.Value}, +1)", (m, kv) => m.AddOrUpdate(kv.Key, kv.Value, (_, v) => v + 1)),
                keyValue.Operation<IConcurrentMap<int, int>>(kv => $"GetOrAdd({kv.Key}, {kv.Value})", (m, kv) => m.GetOrAdd(kv.Key, kv.Value)),
            ],
            equal: (a, b) => a.OrderBy(p => p.Key).SequenceEqual(b.OrderBy(p => p.Key)),
            iter: ScaledHistories(400),
            print: m => string.Join(", ", m.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}")));
    }
}

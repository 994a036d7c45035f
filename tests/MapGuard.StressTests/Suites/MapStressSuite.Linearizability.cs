using CsCheck;
using MapGuard.Testing.Linearizability;

namespace MapGuard.StressTests.Suites;

public abstract partial class MapStressSuite
{
    /// <summary>Histories per map in CI: enough that thousands of them overlap, small enough for a 2-core box.</summary>
    private const int Histories = 20_000;

    [Fact]
    public void RecordedHistories_OfThreeThreadsOnThreeKeys_AreLinearizable()
    {
        LinearizabilityReport report = LinearizabilityRunner.Run(Create<int, int>, Histories, seed: 20261126);
        Assert.True(report.Failure is null, report.Failure);
        Assert.Equal(Histories, report.Histories);

        // A history in which no calls overlap proves nothing; most of them must overlap.
        Assert.True(report.Overlapping > Histories / 4, $"Only {report.Overlapping} of {report.Histories} histories had overlapping calls.");
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
            iter: 400,
            print: m => string.Join(", ", m.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}")));
    }
}

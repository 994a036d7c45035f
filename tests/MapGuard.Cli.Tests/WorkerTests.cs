using MapGuard.Cli.Matrix.Maps;
using MapGuard.Cli.Matrix.Worker;
using MapGuard.Cli.Matrix.Workloads;

namespace MapGuard.Cli.Tests;

/// <summary>The measuring core, run in-process on tiny workloads.</summary>
[Collection(MeasurementCollection.Name)]
public sealed class WorkerTests
{
    [Theory]
    [InlineData("ConcurrentDictionary", "long")]
    [InlineData("LockedMap", "string")]
    public void Run_MeasuresATinyWorkload(string map, string keyTypeName)
    {
        var keyType = WorkloadLimits.ParseKeyType(keyTypeName, "test");
        var spec = new MeasurementSpec
        {
            Map = map,
            Workload = new Workload("tiny", 256, 50, 2, KeyDistribution.Uniform, keyType),
            MeasureMs = 50,
            WarmupMinMs = 20,
            WarmupMaxMs = 50,
        };

        var result = MatrixWorker.Run(spec);

        Assert.True(result.Operations >= MeasurementLoop.ChunkOperations * 2, $"{result.Operations} operations");
        Assert.True(result.OpsPerSecond > 0);
        Assert.InRange(result.MeasuredMs, 45, 5_000);
        Assert.Equal(result.Operations / MeasurementLoop.SampleInterval, result.LatencySamples);
        Assert.True(result.P50Ns <= result.P99Ns && result.P99Ns <= result.P999Ns);
        Assert.InRange(result.TimerOverheadNs, 0, 10_000);

        // Bytes per entry is not checked here: other tests allocate in this process at the same time, which is the
        // very reason the matrix measures in child processes. TinyRunTests checks it from a real child.
    }

    [Fact]
    public void Run_CallsTheMapOncePerOperation_WithTheRequestedReadShare()
    {
        var catalog = MapCatalog.Discover(typeof(WorkerTests).Assembly);
        MapCallCounts.Reset();
        var spec = new MeasurementSpec
        {
            Map = "CountingMap",
            Workload = new Workload("mix", 500, 75, 1, KeyDistribution.Uniform, KeyType.Long),
            MeasureMs = 50,
            WarmupMinMs = 20,
            WarmupMaxMs = 40,
        };

        var result = MatrixWorker.Run(spec, catalog);

        var (adds, reads, writes) = MapCallCounts.Snapshot;
        Assert.Equal(500, adds); // the pre-fill, once per key
        Assert.True(reads + writes > result.Operations, "warm-up and measurement both call the map");
        Assert.InRange(reads / (double)(reads + writes), 0.73, 0.77);
    }

    [Fact]
    public void Run_ReportsAMapThatLosesEntriesAsBroken()
    {
        var spec = new MeasurementSpec
        {
            Map = "ForgetfulMap",
            Workload = new Workload("read", 1000, 100, 1, KeyDistribution.Uniform, KeyType.Long),
            MeasureMs = 30,
            WarmupMinMs = 10,
            WarmupMaxMs = 20,
        };

        var error = Assert.Throws<InvalidOperationException>(() => MatrixWorker.Run(spec, MapCatalog.Discover(typeof(WorkerTests).Assembly)));

        Assert.Contains("ForgetfulMap missed", error.Message, StringComparison.Ordinal);
        Assert.Contains("the map is broken", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Streams_AreDeterministicAndFollowTheReadShare()
    {
        var workload = new Workload("w", 1000, 90, 1, KeyDistribution.Uniform, KeyType.Long);

        var first = OperationStream.Create(workload, 1 << 16, 7, null, null, i => (long)i);
        var again = OperationStream.Create(workload, 1 << 16, 7, null, null, i => (long)i);

        Assert.Equal(first.Select(o => (o.Key, o.IsWrite)), again.Select(o => (o.Key, o.IsWrite)));
        Assert.InRange(first.Count(o => o.IsWrite) / (double)first.Length, 0.09, 0.11);
        Assert.All(first, o => Assert.InRange(o.Key, 0, 999));
    }

    [Fact]
    public void Zipf_MakesTheHottestKeysDominate()
    {
        var zipf = new ZipfGenerator(1 << 20, Workload.ZipfExponent);
        var rng = new SplitMix64(1);
        var counts = new int[1 << 20];
        for (int i = 0; i < 1_000_000; i++)
        {
            counts[zipf.Next(rng.NextDouble())]++;
        }

        // For s = 0.99 over 1 Mi keys, rank 0 takes about 1/H(n,s) ≈ 7% and the top 1% of keys well over half.
        Assert.InRange(counts[0] / 1e6, 0.05, 0.09);
        Assert.True(counts[0] > counts[1] && counts[1] > counts[10] && counts[10] > counts[1000]);
        Assert.InRange(counts.Take(10_486).Sum() / 1e6, 0.55, 0.80);
    }

    [Fact]
    public void StringKeys_LookUpWithDistinctButEqualInstances()
    {
        var keys = KeySet<string>.CreateString(100);

        string lookup = keys.LookupKey(42);

        Assert.Equal(keys.Stored[42], lookup);
        Assert.NotSame(keys.Stored[42], lookup);
        Assert.Equal(16, lookup.Length);
        Assert.Equal(100, keys.Stored.Distinct().Count());
    }
}

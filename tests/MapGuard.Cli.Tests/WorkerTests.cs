using MapGuard.Cli.Matrix.Maps;
using MapGuard.Cli.Matrix.Worker;
using MapGuard.Cli.Matrix.Workloads;

namespace MapGuard.Cli.Tests;

/// <summary>The measuring core, run in-process on tiny workloads.</summary>
[Collection(MeasurementCollection.Name)]
public sealed class WorkerTests
{
    [Theory]
    [InlineData("ConcurrentDictionary", "random")]
    [InlineData("LockedMap", "string")]
    [InlineData("ConcurrentDictionary", "seq")]
    [InlineData("ShardedMap", "url")]
    [InlineData("LockFreeMap", "guid")]
    [InlineData("ConcurrentDictionary", "guid")]
    [InlineData("ConcurrentDictionary", "url")]
    public void Run_MeasuresATinyWorkload(string map, string keyShapeName)
    {
        var keyShape = Assert.Single(WorkloadLimits.ParseKeyShapes(keyShapeName, "test"));
        var spec = new MeasurementSpec
        {
            Map = map,
            Workload = new Workload("tiny", 256, 50, 2, KeyDistribution.Uniform, keyShape),
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
            Workload = new Workload("mix", 500, 75, 1, KeyDistribution.Uniform, KeyShape.Random),
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
            Workload = new Workload("read", 1000, 100, 1, KeyDistribution.Uniform, KeyShape.Random),
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
        var workload = new Workload("w", 1000, 90, 1, KeyDistribution.Uniform, KeyShape.Random);

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

    [Theory]
    [InlineData("string")]
    [InlineData("url")]
    public void StringShapes_LookUpWithDistinctButEqualInstances(string shape)
    {
        var keys = shape == "url" ? KeySet<string>.CreateUrl(100) : KeySet<string>.CreateShortString(100);

        string lookup = keys.LookupKey(42);

        Assert.Equal(keys.Stored[42], lookup);
        Assert.NotSame(keys.Stored[42], lookup);
        Assert.Equal(100, keys.Stored.Distinct().Count());
    }

    [Fact]
    public void SeqShape_IsTheIndexesInOrder()
    {
        var keys = KeySet<long>.CreateSequential(5_000);

        Assert.Equal(Enumerable.Range(0, 5_000).Select(i => (long)i), keys.Stored);
        Assert.Equal(4_999, keys.LookupKey(4_999));
    }

    [Fact]
    public void RandomShape_IsDistinctAndOutOfOrder()
    {
        var keys = KeySet<long>.CreateRandom(100_000);

        Assert.Equal(100_000, keys.Stored.Distinct().Count());
        Assert.Equal((long)SplitMix64.Mix(7), keys.Stored[7]);

        // Scrambled: neighbours are not neighbours, and the keys spread over the whole 64-bit range.
        Assert.True(keys.Stored.Zip(keys.Stored.Skip(1)).Count(p => p.Second == p.First + 1) < 10);
        Assert.Contains(keys.Stored, k => k < 0);
        Assert.Contains(keys.Stored, k => k > (1L << 60));
    }

    [Fact]
    public void StringShape_Is15CharactersWithASharedPrefixAndAZeroPaddedIndex()
    {
        var keys = KeySet<string>.CreateShortString(200_000);

        Assert.Equal("order-000000000", keys.Stored[0]);
        Assert.Equal("order-000012345", keys.Stored[12_345]);
        Assert.Equal("order-000199999", keys.Stored[^1]);
        Assert.All(keys.Stored, k => Assert.Equal(15, k.Length));
        Assert.All(keys.Stored, k => Assert.StartsWith(ShapedKeys.OrderPrefix, k, StringComparison.Ordinal));
        Assert.Equal(200_000, keys.Stored.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("order-067108863", ShapedKeys.ShortString(WorkloadLimits.MaxKeys - 1));
        Assert.Equal("order-999999999", ShapedKeys.ShortString(ShapedKeys.MaxStringIndex));
        Assert.Equal("index", Assert.Throws<ArgumentOutOfRangeException>(() => ShapedKeys.ShortString(ShapedKeys.MaxStringIndex + 1)).ParamName);
        Assert.Equal("index", Assert.Throws<ArgumentOutOfRangeException>(() => ShapedKeys.Url(-1)).ParamName);
    }

    [Fact]
    public void UrlShape_IsUrlLikeAnd60To80CharactersWithLengthsSpreadOverTheRange()
    {
        var keys = KeySet<string>.CreateUrl(200_000);

        Assert.All(keys.Stored, k => Assert.InRange(k.Length, ShapedKeys.UrlMinLength, ShapedKeys.UrlMaxLength));
        Assert.All(keys.Stored, k => Assert.Matches(@"^https://shop\.example\.com/catalog/[a-z]+/item-\d{9}\?ref=[a-z0-9]{2,}$", k));
        Assert.Equal(200_000, keys.Stored.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(21, keys.Stored.Select(k => k.Length).Distinct().Count()); // every length from 60 to 80 occurs
        Assert.InRange(keys.Stored.Average(k => k.Length), 66, 74);
        Assert.Contains("/item-000012345?ref=", keys.Stored[12_345], StringComparison.Ordinal);
        Assert.Equal(keys.Stored[99], ShapedKeys.Url(99)); // deterministic
        Assert.InRange(ShapedKeys.Url(WorkloadLimits.MaxKeys - 1).Length, ShapedKeys.UrlMinLength, ShapedKeys.UrlMaxLength);
    }

    [Fact]
    public void GuidShape_IsDistinctDeterministicAndScrambled()
    {
        var keys = KeySet<Guid>.CreateGuid(200_000);

        Assert.Equal(200_000, keys.Stored.Distinct().Count());
        Assert.Equal(keys.Stored[123], ShapedKeys.Guid(123));
        Assert.DoesNotContain(Guid.Empty, keys.Stored);

        // Hash codes spread: no bucket of a 4,096-slot table takes more than a few times its share.
        int most = keys.Stored.GroupBy(g => g.GetHashCode() & 4095).Max(b => b.Count());
        Assert.InRange(most, 1, 200_000 / 4096 * 3);
    }

    [Fact]
    public void ShapeNames_RoundTrip()
    {
        foreach (var shape in ShapedKeys.All)
        {
            Assert.True(ShapedKeys.TryParse(ShapedKeys.NameOf(shape).ToUpperInvariant(), out var parsed));
            Assert.Equal(shape, parsed);
        }

        Assert.Equal(Enum.GetValues<KeyShape>(), ShapedKeys.All);
        Assert.False(ShapedKeys.TryParse("long", out _));
    }
}

using MapGuard.Cli.Matrix.Results;
using MapGuard.Cli.Matrix.Worker;
using MapGuard.Cli.Matrix.Workloads;

namespace MapGuard.Cli.Tests;

/// <summary>How per-round measurements become one row per (workload, key shape, map).</summary>
public sealed class ResultAggregatorTests
{
    private static readonly Workload s_workload = new("w", 1024, 90, 2, KeyDistribution.Zipf, KeyShape.String);

    private static Measurement Ok(int round, string map, double ops, double p99 = 100, int gcs = 0) =>
        new(round, s_workload, map, new MeasurementResult { OpsPerSecond = ops, P50Ns = p99 / 2, P99Ns = p99, P999Ns = p99 * 2, GcCount = gcs, GcPauseMs = gcs * 0.5, BytesPerEntry = 50 }, null);

    [Fact]
    public void Ratio_IsMedianThroughputOverTheReferenceMedian_AndExactlyOneForTheReference()
    {
        // Per-round ratios would be 2, 3, 3; the cell shows medians 20 and 10, so its ratio must read 2.
        Measurement[] measurements =
        [
            Ok(0, "ConcurrentDictionary", 10), Ok(0, "ShardedMap", 20),
            Ok(1, "ConcurrentDictionary", 5), Ok(1, "ShardedMap", 15),
            Ok(2, "ConcurrentDictionary", 10), Ok(2, "ShardedMap", 30),
        ];

        var rows = ResultAggregator.Aggregate([s_workload], ["ConcurrentDictionary", "ShardedMap"], measurements);

        var reference = rows.Single(r => r.Map == "ConcurrentDictionary");
        var sharded = rows.Single(r => r.Map == "ShardedMap");
        Assert.Equal(1.0, reference.RatioToConcurrentDictionary);
        Assert.Equal(2.0, sharded.RatioToConcurrentDictionary);
        Assert.Equal(20, sharded.OpsPerSecond); // median of 20, 15, 30
        Assert.Equal(3, sharded.Rounds);
        Assert.Equal(75, sharded.SpreadPercent); // (30 - 15) / 20
        Assert.Equal(50, reference.SpreadPercent); // 10, 5, 10: (10 - 5) / 10
        Assert.Equal("zipf", sharded.Distribution);
        Assert.Equal("string", sharded.KeyShape);
    }

    [Fact]
    public void FailedRounds_AreLeftOut()
    {
        Measurement[] measurements =
        [
            Ok(0, "ConcurrentDictionary", 10), new(0, s_workload, "ShardedMap", null, "crashed"),
            new(1, s_workload, "ConcurrentDictionary", null, "crashed"), Ok(1, "ShardedMap", 40),
            Ok(1, "LockedMap", 5, gcs: 2), Ok(2, "LockedMap", 7, gcs: 3),
        ];

        var rows = ResultAggregator.Aggregate([s_workload], ["ConcurrentDictionary", "LockedMap", "ShardedMap"], measurements);

        Assert.Equal(4.0, rows.Single(r => r.Map == "ShardedMap").RatioToConcurrentDictionary);
        var locked = rows.Single(r => r.Map == "LockedMap");
        Assert.Equal(6, locked.OpsPerSecond); // mean of the two middle values
        Assert.Equal(5, locked.GcCount); // summed over rounds
        Assert.Equal(2.5, locked.GcPauseMs);
    }

    [Fact]
    public void NoReferenceResult_LeavesTheRatioEmpty()
    {
        var rows = ResultAggregator.Aggregate(
            [s_workload], ["ConcurrentDictionary", "ShardedMap"], [new(0, s_workload, "ConcurrentDictionary", null, "crashed"), Ok(0, "ShardedMap", 10)]);

        Assert.Null(Assert.Single(rows).RatioToConcurrentDictionary);
    }

    [Fact]
    public void MapWithNoSuccessfulRound_HasNoRow()
    {
        var rows = ResultAggregator.Aggregate(
            [s_workload], ["ConcurrentDictionary", "ShardedMap"], [Ok(0, "ConcurrentDictionary", 10), new(0, s_workload, "ShardedMap", null, "timed out")]);

        Assert.Equal(["ConcurrentDictionary"], rows.Select(r => r.Map));
    }

    [Fact]
    public void LatencyMedians_KeepPercentilesOrdered()
    {
        Measurement[] measurements = [Ok(0, "ConcurrentDictionary", 10, p99: 100), Ok(1, "ConcurrentDictionary", 10, p99: 40), Ok(2, "ConcurrentDictionary", 10, p99: 70)];

        var row = Assert.Single(ResultAggregator.Aggregate([s_workload], ["ConcurrentDictionary"], measurements));

        Assert.Equal((35, 70, 140), (row.P50Ns, row.P99Ns, row.P999Ns));
    }

    [Fact]
    public void EachKeyShape_IsAggregatedAndRatedAgainstTheReferenceOfTheSameShape()
    {
        var seq = s_workload with { KeyShape = KeyShape.Seq };
        Measurement[] measurements =
        [
            Ok(0, "ConcurrentDictionary", 10), Ok(0, "ShardedMap", 20),
            new(0, seq, "ConcurrentDictionary", new MeasurementResult { OpsPerSecond = 40, P99Ns = 10 }, null),
            new(0, seq, "ShardedMap", new MeasurementResult { OpsPerSecond = 20, P99Ns = 10 }, null),
        ];

        var rows = ResultAggregator.Aggregate([seq, s_workload], ["ConcurrentDictionary", "ShardedMap"], measurements);

        Assert.Equal(
            [("seq", "ConcurrentDictionary", 40.0, 1.0), ("seq", "ShardedMap", 20, 0.5), ("string", "ConcurrentDictionary", 10, 1.0), ("string", "ShardedMap", 20, 2.0)],
            rows.Select(r => (r.KeyShape, r.Map, r.OpsPerSecond, r.RatioToConcurrentDictionary!.Value)));
    }
}

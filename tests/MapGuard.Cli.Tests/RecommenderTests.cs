using MapGuard.Cli.Matrix.Results;
using static MapGuard.Cli.Tests.ResultRows;

namespace MapGuard.Cli.Tests;

/// <summary>The recommendation rule, on fixed result sets.</summary>
public sealed class RecommenderTests
{
    private static readonly string[] s_maps = ["ConcurrentDictionary", "LockedMap", "ShardedMap"];

    private static Recommendation? Recommend(params ResultRow[] rows) => Recommender.RecommendFor("w", "random", rows, s_maps);

    [Fact]
    public void ClearlyFastestMap_IsRecommendedWithItsMarginOverTheRunnerUp()
    {
        var pick = Recommend(Row("ConcurrentDictionary", 10, 100), Row("LockedMap", 5, 80), Row("ShardedMap", 16, 105));

        Assert.NotNull(pick);
        Assert.Equal("ShardedMap", pick.Map);
        Assert.Equal("fastest by 1.6× over ConcurrentDictionary; p99 1.31× the best (LockedMap)", pick.Reason);
    }

    [Fact]
    public void FastestWithNearBestP99_SaysSo()
    {
        var pick = Recommend(Row("ConcurrentDictionary", 10, 100), Row("LockedMap", 5, 95), Row("ShardedMap", 16, 100));

        Assert.Equal("ShardedMap", pick!.Map);
        Assert.Equal("fastest by 1.6× over ConcurrentDictionary; p99 within 10% of best", pick.Reason);
    }

    [Fact]
    public void FastestWithBestP99_SaysSo()
    {
        var pick = Recommend(Row("ConcurrentDictionary", 10, 100), Row("LockedMap", 5, 300), Row("ShardedMap", 25, 50));

        Assert.Equal("ShardedMap", pick!.Map);
        Assert.Equal("fastest by 2.5× over ConcurrentDictionary; best p99", pick.Reason);
    }

    [Fact]
    public void ReferenceFastest_IsRecommendedAndSaysNoMapBeatsIt()
    {
        var pick = Recommend(Row("ConcurrentDictionary", 20, 100), Row("LockedMap", 5, 80), Row("ShardedMap", 15, 90));

        Assert.Equal("ConcurrentDictionary", pick!.Map);
        Assert.Equal("ConcurrentDictionary is fastest; no MapGuard map beats it here (best: ShardedMap at 0.75×)", pick.Reason);
    }

    [Fact]
    public void MapWithinNoiseOfTheReference_DoesNotDisplaceIt()
    {
        // ShardedMap is 3% faster: inside the 5% noise margin, with the same p99.
        var pick = Recommend(Row("ConcurrentDictionary", 10, 100), Row("LockedMap", 5, 80), Row("ShardedMap", 10.3, 100));

        Assert.Equal("ConcurrentDictionary", pick!.Map);
        Assert.Equal("no MapGuard map beats ConcurrentDictionary by more than 5% here (best: ShardedMap at 1.03×)", pick.Reason);
    }

    [Fact]
    public void TiedMapWithClearlyBetterP99_WinsOnLatency()
    {
        // LockedMap is 4% slower than ShardedMap (a tie) with a p99 40% lower; the reference is far behind.
        var pick = Recommend(Row("ConcurrentDictionary", 5, 100), Row("LockedMap", 9.6, 60), Row("ShardedMap", 10, 100));

        Assert.Equal("LockedMap", pick!.Map);
        Assert.Equal("within 4% of the fastest (ShardedMap) with 40% lower p99", pick.Reason);
    }

    [Fact]
    public void TiedMapWithOnlySlightlyBetterP99_DoesNotWin()
    {
        var pick = Recommend(Row("ConcurrentDictionary", 5, 100), Row("LockedMap", 9.6, 90), Row("ShardedMap", 10, 100));

        Assert.Equal("ShardedMap", pick!.Map);
    }

    [Fact]
    public void ReferenceWithinNoiseButClearlyWorseP99_DoesNotTakeOver()
    {
        var pick = Recommend(Row("ConcurrentDictionary", 9.8, 200), Row("LockedMap", 5, 80), Row("ShardedMap", 10, 100));

        Assert.Equal("ShardedMap", pick!.Map);
    }

    [Fact]
    public void TwoMapGuardMapsWithinNoise_AreCalledATieNotAWin()
    {
        var pick = Recommend(Row("ConcurrentDictionary", 5, 100), Row("LockedMap", 10.1, 90), Row("ShardedMap", 10.2, 80));

        Assert.Equal("ShardedMap", pick!.Map);
        Assert.Equal("tied with LockedMap (only 1.01×, within the 5% noise margin); best p99", pick.Reason);
    }

    [Fact]
    public void MissingMap_GivesNoRecommendation()
    {
        Assert.Null(Recommend(Row("ConcurrentDictionary", 10, 100), Row("ShardedMap", 20, 100)));
    }

    [Fact]
    public void MissingReference_GivesNoRecommendation()
    {
        Assert.Null(Recommend(Row("LockedMap", 10, 100), Row("ShardedMap", 20, 100)));
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(double.NaN, 100)]
    [InlineData(10, double.NaN)]
    [InlineData(double.PositiveInfinity, 100)]
    public void InvalidNumbers_GiveNoRecommendation(double mops, double p99)
    {
        Assert.Null(Recommend(Row("ConcurrentDictionary", 10, 100), Row("LockedMap", mops, p99), Row("ShardedMap", 20, 100)));
    }

    [Fact]
    public void DuplicateRowForAMap_GivesNoRecommendation()
    {
        Assert.Null(Recommend(Row("ConcurrentDictionary", 10, 100), Row("LockedMap", 5, 100), Row("ShardedMap", 20, 100), Row("ShardedMap", 21, 100)));
    }

    [Fact]
    public void Recommend_CoversOnlyWorkloadsWithCompleteData_InWorkloadOrder()
    {
        ResultRow[] rows =
        [
            Row("ConcurrentDictionary", 10, 100, "b"), Row("LockedMap", 30, 100, "b"), Row("ShardedMap", 20, 100, "b"),
            Row("ConcurrentDictionary", 10, 100, "a"), Row("LockedMap", 3, 100, "a"), Row("ShardedMap", 2, 100, "a"),
            Row("ConcurrentDictionary", 10, 100, "partial"), Row("LockedMap", 30, 100, "partial"),
        ];

        var recommendations = Recommender.Recommend(rows, [("a", "random"), ("b", "random"), ("partial", "random")], s_maps);

        Recommendation[] expected =
        [
            new("a", "random", "ConcurrentDictionary", "ConcurrentDictionary is fastest; no MapGuard map beats it here (best: LockedMap at 0.3×)"),
            new("b", "random", "LockedMap", "fastest by 1.5× over ShardedMap; best p99"),
        ];
        Assert.Equal(expected, recommendations);
    }

    [Fact]
    public void OnlyTheReference_IsRecommendedAsTheOnlyMap()
    {
        var pick = Recommender.RecommendFor("w", "random", [Row("ConcurrentDictionary", 10, 100)], ["ConcurrentDictionary"]);

        Assert.Equal(new Recommendation("w", "random", "ConcurrentDictionary", "the only map measured"), pick);
    }

    [Fact]
    public void Recommend_JudgesEachKeyShapeAgainstTheReferenceOfThatShape()
    {
        // ShardedMap beats the reference on seq keys and loses on string keys; the rows of one shape never leak into
        // the other's recommendation.
        ResultRow[] rows =
        [
            Row("ConcurrentDictionary", 10, 100, "w", keyShape: "seq"), Row("LockedMap", 3, 100, "w", keyShape: "seq"), Row("ShardedMap", 20, 100, "w", keyShape: "seq"),
            Row("ConcurrentDictionary", 30, 100, "w", keyShape: "string"), Row("LockedMap", 3, 100, "w", keyShape: "string"), Row("ShardedMap", 20, 100, "w", keyShape: "string"),
        ];

        var recommendations = Recommender.Recommend(rows, [("w", "seq"), ("w", "string"), ("w", "guid")], s_maps);

        Recommendation[] expected =
        [
            new("w", "seq", "ShardedMap", "fastest by 2.0× over ConcurrentDictionary; best p99"),
            new("w", "string", "ConcurrentDictionary", "ConcurrentDictionary is fastest; no MapGuard map beats it here (best: ShardedMap at 0.67×)"),
        ];
        Assert.Equal(expected, recommendations);
    }
}

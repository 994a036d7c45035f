using MapGuard.Cli.Matrix.Worker;

namespace MapGuard.Cli.Tests;

/// <summary>The nearest-rank rule every latency summary of the repository uses.</summary>
public sealed class QuantilesTests
{
    private static readonly long[] s_oneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

    [Theory]
    [InlineData(0.0, 1)]
    [InlineData(0.10, 1)]
    [InlineData(0.11, 2)]
    [InlineData(0.50, 5)]
    [InlineData(0.90, 9)]
    [InlineData(0.99, 10)]
    [InlineData(1.0, 10)]
    public void NearestRank_IsTheSmallestSampleWithThatShareAtOrBelowIt(double quantile, long expected) =>
        Assert.Equal(expected, Quantiles.NearestRank(s_oneToTen, quantile));

    [Fact]
    public void NearestRank_OfNoSamples_IsZero() => Assert.Equal(0, Quantiles.NearestRank([], 0.99));

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    public void NearestRank_RefusesAQuantileOutside0To1_NamingIt(double quantile) =>
        Assert.Equal("quantile", Assert.Throws<ArgumentOutOfRangeException>(() => Quantiles.NearestRank(s_oneToTen, quantile)).ParamName);
}

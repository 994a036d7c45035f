using MapGuard.Cli.Commands;
using MapGuard.Cli.Matrix.Workloads;

namespace MapGuard.Cli.Tests;

/// <summary>Valid profiles and option values parse to what they say.</summary>
public sealed class ProfileAndOptionTests
{
    [Fact]
    public void Profile_ObjectForm_AppliesDefaults()
    {
        var workloads = ProfileLoader.Parse(
            """{ "workloads": [ { "name": "sessions", "keys": 100000, "readPercent": 95 }, { "name": "hot", "keys": 10, "readPercent": 0, "threads": 4, "distribution": "ZIPF", "keyType": "long" } ] }""",
            "p.json",
            KeyType.String);

        Assert.Equal(
            [new Workload("sessions", 100_000, 95, 2, KeyDistribution.Uniform, KeyType.String), new Workload("hot", 10, 0, 4, KeyDistribution.Zipf, KeyType.Long)],
            workloads);
    }

    [Fact]
    public void Profile_BareArrayWithComments_IsAccepted()
    {
        var workload = Assert.Single(ProfileLoader.Parse("// mine\n[ { \"name\": \"a\", \"keys\": 5, \"readPercent\": 50.5, }, ]", "p.json", KeyType.Long));

        Assert.Equal(50.5, workload.ReadPercent);
    }

    [Fact]
    public void StandardWorkloads_MatchTheDesign()
    {
        var workloads = StandardWorkloads.Create(KeyType.Long);

        Assert.Equal(["hot-read", "big-read", "cache", "big-mixed", "hot-mixed", "big-read-1t"], workloads.Select(w => w.Name));
        Assert.Equal(new Workload("cache", 1_048_576, 90, 2, KeyDistribution.Zipf, KeyType.Long), workloads[2]);
        Assert.Equal(new Workload("big-read-1t", 1_048_576, 90, 1, KeyDistribution.Uniform, KeyType.Long), workloads[5]);
    }

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("2s", 2000)]
    [InlineData("1.5s", 1500)]
    [InlineData("1m", 60000)]
    [InlineData("3", 3000)]
    [InlineData("10MS", 10)]
    public void Duration_Parses(string text, int milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), OptionValues.ParseDuration(text, "--duration"));
    }

    [Theory]
    [InlineData("-1s")]
    [InlineData("9ms")]
    [InlineData("11m")]
    [InlineData("")]
    [InlineData("ms")]
    public void Duration_RejectsOutOfRangeOrMalformed(string text)
    {
        Assert.Throws<UsageException>(() => OptionValues.ParseDuration(text, "--duration"));
    }
}

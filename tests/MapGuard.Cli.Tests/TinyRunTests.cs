using System.Text.Json;

namespace MapGuard.Cli.Tests;

/// <summary>A real run, end to end: child processes, aggregation, table, JSON and chart.</summary>
[Collection(MeasurementCollection.Name)]
public sealed class TinyRunTests(TinyRunFixture run) : IClassFixture<TinyRunFixture>
{
    private static readonly string[] s_maps = ["ConcurrentDictionary", "LockedMap", "ShardedMap"];

    [Fact]
    public void Run_ExitsWithZeroAndReportsNoFailure()
    {
        Assert.True(run.Result.ExitCode == 0, $"exit {run.Result.ExitCode}; stderr:\n{run.Result.Stderr}");
        Assert.DoesNotContain("failed", run.Result.Stderr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Run_PrintsOneRowWithEveryMapAndARecommendation()
    {
        string table = run.Result.Stdout;
        foreach (string map in s_maps)
        {
            Assert.Contains(map, table, StringComparison.Ordinal);
        }

        Assert.Contains("recommended", table, StringComparison.Ordinal);
        Assert.Matches(@"\d+\.\d [KMG]/s \(1\.00×\)", table); // the reference cell
        Assert.Contains("custom-4096k-90r-2t-uniform", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_HoldsTheRunContext()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(run.JsonPath));
        var root = json.RootElement;

        var machine = root.GetProperty("machine");
        Assert.Equal(Environment.ProcessorCount, machine.GetProperty("cores").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(machine.GetProperty("os").GetString()));
        Assert.Contains(".NET", machine.GetProperty("dotnet").GetString(), StringComparison.Ordinal);

        var commit = root.GetProperty("commit");
        Assert.True(commit.ValueKind == JsonValueKind.Null || commit.GetString() is { Length: 40 }, $"commit: {commit}");
        var startedAt = root.GetProperty("startedAt").GetDateTimeOffset();
        Assert.InRange(startedAt, DateTimeOffset.Now.AddHours(-1), DateTimeOffset.Now);
        Assert.True(root.GetProperty("complete").GetBoolean());
    }

    [Fact]
    public void Json_HoldsEveryFieldWithSaneValuesForEveryMap()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(run.JsonPath));
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();

        Assert.Equal(s_maps, results.Select(r => r.GetProperty("map").GetString()).Order(StringComparer.Ordinal));
        foreach (var row in results)
        {
            string map = row.GetProperty("map").GetString()!;
            Assert.Equal("custom-4096k-90r-2t-uniform", row.GetProperty("workload").GetString());
            Assert.Equal(2, row.GetProperty("threads").GetInt32());
            Assert.Equal(4096, row.GetProperty("keys").GetInt32());
            Assert.Equal(90, row.GetProperty("readPercent").GetDouble());
            Assert.Equal("uniform", row.GetProperty("distribution").GetString());
            Assert.Equal("random", row.GetProperty("keyShape").GetString());

            double ops = row.GetProperty("opsPerSecond").GetDouble();
            Assert.True(ops > 10_000, $"{map}: {ops} ops/s");
            double ratio = row.GetProperty("ratioToConcurrentDictionary").GetDouble();
            if (map == "ConcurrentDictionary")
            {
                Assert.Equal(1.0, ratio);
            }
            else
            {
                Assert.InRange(ratio, 0.001, 1000);
            }

            double p50 = row.GetProperty("p50Ns").GetDouble();
            double p99 = row.GetProperty("p99Ns").GetDouble();
            double p999 = row.GetProperty("p999Ns").GetDouble();
            Assert.True(p50 >= 0 && p50 <= p99 && p99 <= p999, $"{map}: p50 {p50}, p99 {p99}, p99.9 {p999}");
            Assert.True(p999 > 0, $"{map}: p99.9 is 0 ns");
            Assert.InRange(p999, 0, 1e9);

            double allocated = row.GetProperty("allocatedBytesPerOp").GetDouble();
            Assert.InRange(allocated, 0, 1_000);
            Assert.True(row.GetProperty("gcCount").GetInt32() >= 0);
            Assert.True(row.GetProperty("gcPauseMs").GetDouble() >= 0);

            // A map of long to long holds at least the 16 bytes of key and value per entry.
            Assert.InRange(row.GetProperty("bytesPerEntry").GetDouble(), 16, 100_000);
            Assert.Equal(1, row.GetProperty("rounds").GetInt32());
        }
    }

    [Fact]
    public void Json_RecommendsOneMeasuredMapForTheWorkload()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(run.JsonPath));
        var recommendation = Assert.Single(json.RootElement.GetProperty("recommendations").EnumerateArray());

        Assert.Equal("custom-4096k-90r-2t-uniform", recommendation.GetProperty("workload").GetString());
        Assert.Contains(recommendation.GetProperty("map").GetString(), s_maps);
        Assert.False(string.IsNullOrWhiteSpace(recommendation.GetProperty("reason").GetString()));
    }

    [Fact]
    public void Chart_IsAnSvgWithABarPerMap()
    {
        var svg = System.Xml.Linq.XDocument.Load(run.ChartPath);

        System.Xml.Linq.XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Root!.Name);
        Assert.Equal(s_maps.Length, svg.Descendants(ns + "rect").Count(r => (string?)r.Attribute("class") == "bar"));
    }

    [Fact]
    public void Run_LeavesNoTemporaryFiles()
    {
        var names = Directory.GetFiles(Path.GetDirectoryName(run.JsonPath)!).Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(["m.json", "m.svg"], names);
    }
}

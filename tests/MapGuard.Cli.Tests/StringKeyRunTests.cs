using System.Globalization;

namespace MapGuard.Cli.Tests;

/// <summary>A real run with string keys, Zipf key choice, one map plus the reference, and CSV output.</summary>
[Collection(MeasurementCollection.Name)]
public sealed class StringKeyRunTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task StringZipfRun_WritesACsvRowPerMap()
    {
        string csv = _temp.File("m.csv");

        var result = await CliRunner.RunAsync(
            ["matrix", "--maps", "shardedmap", "--keys", "2048", "--read", "75", "--distribution", "zipf", "--key-type", "string",
             "--threads", "1", "--duration", "100ms", "--rounds", "1", "--out", csv],
            TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var lines = File.ReadAllLines(csv);
        Assert.StartsWith("workload,map,threads,keys,readPercent,distribution,keyType,opsPerSecond,ratioToConcurrentDictionary,p50Ns,p99Ns,p999Ns", lines[0], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length);
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(["ConcurrentDictionary", "ShardedMap"], rows.Select(r => r[1]).Order(StringComparer.Ordinal));
        foreach (var row in rows)
        {
            string Field(string name) => row[Array.IndexOf(header, name)];
            Assert.Equal("zipf", Field("distribution"));
            Assert.Equal("string", Field("keyType"));
            Assert.Equal("75", Field("readPercent"));
            Assert.True(double.Parse(Field("opsPerSecond"), CultureInfo.InvariantCulture) > 10_000);

            // A string-keyed entry references a 16-character key string it does not own: well under 1 KB.
            Assert.InRange(double.Parse(Field("bytesPerEntry"), CultureInfo.InvariantCulture), 8, 1_000);
        }

        Assert.Single(rows, r => r[Array.IndexOf(header, "recommended")] == "true");
    }
}

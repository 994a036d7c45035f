using System.Globalization;

namespace MapGuard.Cli.Tests;

/// <summary>
/// A real run on two key shapes (sequential IDs and short strings), Zipf key choice, one map plus the reference, and
/// CSV output: a row per (shape, map), each rated against ConcurrentDictionary on the same shape.
/// </summary>
[Collection(MeasurementCollection.Name)]
public sealed class KeyShapeRunTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task TwoShapeRun_WritesARowPerShapeAndMap_RatedAgainstTheReferenceOfTheSameShape()
    {
        string csv = _temp.File("m.csv");

        var result = await CliRunner.RunAsync(
            ["matrix", "--maps", "shardedmap", "--keys", "2048", "--read", "75", "--distribution", "zipf", "--key-shape", "string,seq",
             "--threads", "1", "--duration", "100ms", "--rounds", "1", "--out", csv],
            TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var lines = File.ReadAllLines(csv);
        Assert.StartsWith("workload,map,threads,keys,readPercent,distribution,keyShape,opsPerSecond,ratioToConcurrentDictionary,p50Ns,p99Ns,p999Ns", lines[0], StringComparison.Ordinal);
        Assert.Equal(5, lines.Length);
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        string Field(string[] row, string name) => row[Array.IndexOf(header, name)];
        double Number(string[] row, string name) => double.Parse(Field(row, name), CultureInfo.InvariantCulture);

        // Shapes in canonical order whatever the order typed, each with both maps.
        Assert.Equal(["seq", "seq", "string", "string"], rows.Select(r => Field(r, "keyShape")));
        foreach (var shape in rows.GroupBy(r => Field(r, "keyShape")))
        {
            Assert.Equal(["ConcurrentDictionary", "ShardedMap"], shape.Select(r => Field(r, "map")).Order(StringComparer.Ordinal));
            var reference = shape.Single(r => Field(r, "map") == "ConcurrentDictionary");
            var sharded = shape.Single(r => Field(r, "map") == "ShardedMap");
            Assert.Equal(1.0, Number(reference, "ratioToConcurrentDictionary"));
            Assert.Equal(
                Math.Round(Number(sharded, "opsPerSecond") / Number(reference, "opsPerSecond"), 2),
                Math.Round(Number(sharded, "ratioToConcurrentDictionary"), 2));
            Assert.Single(shape, r => Field(r, "recommended") == "true");
        }

        foreach (var row in rows)
        {
            Assert.Equal("zipf", Field(row, "distribution"));
            Assert.Equal("75", Field(row, "readPercent"));
            Assert.True(Number(row, "opsPerSecond") > 10_000);

            // An entry references a key it does not own (a long, or a 15-character string): well under 1 KB.
            Assert.InRange(Number(row, "bytesPerEntry"), 8, 1_000);
        }

        Assert.Contains("on key shapes seq,string = 2 rows", result.Stderr, StringComparison.Ordinal);
    }
}

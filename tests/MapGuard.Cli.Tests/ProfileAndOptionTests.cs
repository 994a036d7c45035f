using MapGuard.Cli.Commands;
using MapGuard.Cli.Matrix.Running;
using MapGuard.Cli.Matrix.Worker;
using MapGuard.Cli.Matrix.Workloads;

namespace MapGuard.Cli.Tests;

/// <summary>Valid profiles and option values parse to what they say.</summary>
public sealed class ProfileAndOptionTests
{
    [Fact]
    public void Profile_ObjectForm_AppliesDefaults()
    {
        var workloads = ProfileLoader.Parse(
            """{ "workloads": [ { "name": "sessions", "keys": 100000, "readPercent": 95 }, { "name": "hot", "keys": 10, "readPercent": 0, "threads": 4, "distribution": "ZIPF", "keyShape": "GUID, seq,guid" } ] }""",
            "p.json",
            [KeyShape.String, KeyShape.Url]);

        Assert.Equal(
            [
                new Workload("sessions", 100_000, 95, 2, KeyDistribution.Uniform, KeyShape.String),
                new Workload("sessions", 100_000, 95, 2, KeyDistribution.Uniform, KeyShape.Url),
                new Workload("hot", 10, 0, 4, KeyDistribution.Zipf, KeyShape.Seq),
                new Workload("hot", 10, 0, 4, KeyDistribution.Zipf, KeyShape.Guid),
            ],
            workloads);
    }

    [Fact]
    public void Profile_BareArrayWithComments_IsAccepted()
    {
        var workload = Assert.Single(ProfileLoader.Parse("// mine\n[ { \"name\": \"a\", \"keys\": 5, \"readPercent\": 50.5, }, ]", "p.json", [KeyShape.Random]));

        Assert.Equal(50.5, workload.ReadPercent);
    }

    [Fact]
    public void StandardWorkloads_MatchTheDesign()
    {
        var workloads = StandardWorkloads.Create([KeyShape.Random]);

        Assert.Equal(["hot-read", "big-read", "cache", "big-mixed", "hot-mixed", "big-read-1t"], workloads.Select(w => w.Name));
        Assert.Equal(new Workload("cache", 1_048_576, 90, 2, KeyDistribution.Zipf, KeyShape.Random), workloads[2]);
        Assert.Equal(new Workload("big-read-1t", 1_048_576, 90, 1, KeyDistribution.Uniform, KeyShape.Random), workloads[5]);
    }

    [Fact]
    public void StandardWorkloads_RunOncePerShape_WithTheShapesOfAWorkloadSideBySide()
    {
        var workloads = StandardWorkloads.Create([KeyShape.Seq, KeyShape.Guid]);

        Assert.Equal(12, workloads.Count);
        Assert.Equal(
            [("hot-read", KeyShape.Seq), ("hot-read", KeyShape.Guid), ("big-read", KeyShape.Seq), ("big-read", KeyShape.Guid)],
            workloads.Take(4).Select(w => (w.Name, w.KeyShape)));
    }

    [Theory]
    [InlineData("seq,string", "seq,string")]
    [InlineData("STRING, Seq", "seq,string")]
    [InlineData("url,url,URL", "url")]
    [InlineData("guid,url,string,random,seq", "seq,random,string,url,guid")]
    [InlineData("random,,guid", "random,guid")]
    public void KeyShapeList_ParsesCaseInsensitively_OnceEach_InCanonicalOrder(string text, string expected)
    {
        Assert.Equal(expected, string.Join(",", WorkloadLimits.ParseKeyShapes(text, "--key-shape").Select(ShapedKeys.NameOf)));
    }

    [Theory]
    [InlineData(new string[0], "seq,random,string", 18, 1)]
    [InlineData(new[] { "--quick" }, "random", 6, 1)]
    [InlineData(new[] { "--key-shape", "url,guid" }, "url,guid", 12, 1)]
    [InlineData(new[] { "--quick", "--key-shape", "seq,string" }, "seq,string", 12, 1)]
    [InlineData(new[] { "--keys", "1000", "--key-shape", "Guid,SEQ", "--rounds", "3" }, "seq,guid", 2, 3)]
    public void Bind_RunsEveryWorkloadOnEverySelectedShape(string[] options, string shapeNames, int rows, int rounds)
    {
        var shapes = shapeNames.Split(',').Select(name => ShapedKeys.All.Single(s => ShapedKeys.NameOf(s) == name)).ToList();
        var settings = MatrixCommand.Bind(MatrixCommand.Create(TextWriter.Null, TextWriter.Null).Parse(options));

        Assert.Equal(rows, settings.Workloads.Count);
        Assert.Equal(rounds, settings.Rounds);
        Assert.Equal(shapes, settings.Workloads.Select(w => w.KeyShape).Distinct().Order());
        foreach (var group in settings.Workloads.GroupBy(w => w.Name))
        {
            Assert.Equal(shapes, group.Select(w => w.KeyShape));
        }
    }

    [Theory]
    [InlineData("m.png")]
    [InlineData("m.PNG")]
    [InlineData("m.svg")]
    public void Bind_AcceptsAPngOrSvgChart(string name)
    {
        using var temp = new TempDirectory();
        string path = temp.File(name);

        var settings = MatrixCommand.Bind(MatrixCommand.Create(TextWriter.Null, TextWriter.Null).Parse(["--chart", path]));

        Assert.Equal(path, settings.ChartPath);
    }

    [Fact]
    public void DefaultRun_FitsTheTimeBudget_WhileQuickKeepsItsShorterPhases()
    {
        var normal = MatrixCommand.Bind(MatrixCommand.Create(TextWriter.Null, TextWriter.Null).Parse([]));
        var quick = MatrixCommand.Bind(MatrixCommand.Create(TextWriter.Null, TextWriter.Null).Parse(["--quick"]));

        // 6 workloads x 3 shapes x 5 maps: a child process each; docs/design/matrix.md has the time estimate.
        Assert.Equal(6 * 3 * MapGuard.Cli.Matrix.Maps.MapCatalog.All.Count, normal.MeasurementCount);
        Assert.Equal((TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(600)), (normal.Measure, normal.WarmupMin, normal.WarmupMax));
        Assert.Equal(6 * MapGuard.Cli.Matrix.Maps.MapCatalog.All.Count, quick.MeasurementCount);
        Assert.True(quick.Measure < normal.Measure && quick.WarmupMax < normal.WarmupMax);
        Assert.Equal(MatrixSettings.QuickKeyShapes, quick.Workloads.Select(w => w.KeyShape).Distinct());
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

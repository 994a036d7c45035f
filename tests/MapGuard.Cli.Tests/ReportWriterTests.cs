using System.Text.Json;
using MapGuard.Cli.Matrix.Output;
using MapGuard.Cli.Matrix.Results;
using MapGuard.Cli.Matrix.Running;
using Spectre.Console;
using static MapGuard.Cli.Tests.ResultRows;

namespace MapGuard.Cli.Tests;

/// <summary>The JSON, CSV, Markdown and table forms of a fixed report.</summary>
public sealed class ReportWriterTests
{
    /// <summary>A fixed report: two workloads, two key shapes (one cell empty), ConcurrentDictionary and ShardedMap.</summary>
    internal static MatrixReport Report() => new()
    {
        Machine = new MachineInfo { Cores = 2, Os = "TestOS", Dotnet = ".NET 10.0.0", Architecture = "X64" },
        Commit = null,
        StartedAt = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
        Complete = true,
        Settings = new RunSettingsInfo { Rounds = 3, MeasureMs = 300, WarmupMinMs = 200, WarmupMaxMs = 1000, LatencySampleInterval = 256 },
        Results =
        [
            Row("ConcurrentDictionary", 20, 100, "hot-read", 1.0, "seq"), Row("ShardedMap", 10, 90, "hot-read", 0.5, "seq"),
            Row("ConcurrentDictionary", 10, 100, "hot-read", 1.0), Row("ShardedMap", 16, 90, "hot-read", 1.6),
            Row("ConcurrentDictionary", 4, 400, "big,mixed", 1.0), Row("ShardedMap", 3, 500, "big,mixed", 0.75),
        ],
        Recommendations =
        [
            new("hot-read", "seq", "ConcurrentDictionary", "ConcurrentDictionary is fastest; no MapGuard map beats it here (best: ShardedMap at 0.5×)"),
            new("hot-read", "random", "ShardedMap", "fastest by 1.6× over ConcurrentDictionary; best p99"),
            new("big,mixed", "random", "ConcurrentDictionary", "ConcurrentDictionary is fastest; no MapGuard map beats it here (best: ShardedMap at 0.75×)"),
        ],
        Failures = [],
        Workloads = ["hot-read", "big,mixed"],
        KeyShapes = ["seq", "random"],
        Maps = ["ConcurrentDictionary", "ShardedMap"],
    };

    [Fact]
    public void Json_UsesTheDocumentedCamelCaseNames()
    {
        using var json = JsonDocument.Parse(JsonReportWriter.Write(Report()));
        var root = json.RootElement;

        Assert.Equal(JsonValueKind.Null, root.GetProperty("commit").ValueKind);
        Assert.Equal(2, root.GetProperty("machine").GetProperty("cores").GetInt32());
        Assert.Equal("2025-01-02T03:04:05+00:00", root.GetProperty("startedAt").GetString());
        var first = root.GetProperty("results")[3];
        string[] fields =
        [
            "workload", "map", "threads", "keys", "readPercent", "distribution", "keyShape", "opsPerSecond", "ratioToConcurrentDictionary",
            "p50Ns", "p99Ns", "p999Ns", "allocatedBytesPerOp", "gcCount", "gcPauseMs", "bytesPerEntry",
        ];
        foreach (string field in fields)
        {
            Assert.True(first.TryGetProperty(field, out _), $"missing {field}");
        }

        Assert.Equal(1.6, first.GetProperty("ratioToConcurrentDictionary").GetDouble());
        Assert.Equal("random", first.GetProperty("keyShape").GetString());
        var recommendation = root.GetProperty("recommendations")[0];
        Assert.Equal(["workload", "keyShape", "map", "reason"], recommendation.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["seq", "random"], root.GetProperty("keyShapes").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Csv_QuotesFieldsWithCommasAndMarksTheRecommendedMap()
    {
        var lines = CsvReportWriter.Write(Report()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(7, lines.Length);
        Assert.StartsWith("\"big,mixed\",ConcurrentDictionary,2,1024,90,uniform,random,4000000,1,", lines[5], StringComparison.Ordinal);
        Assert.EndsWith(",true,ConcurrentDictionary is fastest; no MapGuard map beats it here (best: ShardedMap at 0.75×)", lines[5], StringComparison.Ordinal);
        Assert.EndsWith(",false,", lines[6], StringComparison.Ordinal);

        // The recommendation of each key shape marks a row of that shape only.
        Assert.StartsWith("hot-read,ConcurrentDictionary,2,1024,90,uniform,seq,20000000,1,", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",true,ConcurrentDictionary is fastest; no MapGuard map beats it here (best: ShardedMap at 0.5×)", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("hot-read,ConcurrentDictionary,2,1024,90,uniform,random,10000000,1,", lines[3], StringComparison.Ordinal);
        Assert.EndsWith(",false,", lines[3], StringComparison.Ordinal);
        Assert.EndsWith(",true,fastest by 1.6× over ConcurrentDictionary; best p99", lines[4], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://example.com/?x=1\",\"open\")", "\"'=HYPERLINK(\"\"http://example.com/?x=1\"\",\"\"open\"\")\"")]
    [InlineData("+1+2", "'+1+2")]
    [InlineData("-1+2", "'-1+2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "\"'\rcmd\"")]
    [InlineData("plain-name", "plain-name")]
    [InlineData("a=b", "a=b")]
    public void Csv_PrefixesTextCellsThatCouldStartAFormula(string text, string expectedCell)
    {
        MatrixReport fixture = Report();
        var report = new MatrixReport
        {
            Machine = fixture.Machine,
            StartedAt = fixture.StartedAt,
            Complete = true,
            Settings = fixture.Settings,
            Results = [Row(text, 10, 100, text, 1.0)],
            Recommendations = [new(text, "random", text, text)],
            Failures = [],
            Workloads = [text],
            KeyShapes = ["random"],
            Maps = [text],
        };

        string row = CsvReportWriter.Write(report).Split('\n')[1];

        Assert.StartsWith(expectedCell + "," + expectedCell + ",2,1024,90,uniform,random,", row, StringComparison.Ordinal);
        Assert.EndsWith(",true," + expectedCell, row, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_LeavesNegativeLookingNumbersAlone()
    {
        string csv = CsvReportWriter.Write(Report());

        Assert.DoesNotContain("'", csv.Replace("'s", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_HasTheMatrixWithCellsAndRecommendations()
    {
        string md = MarkdownReportWriter.Write(Report());

        Assert.Contains("| workload | key shape | ConcurrentDictionary | ShardedMap | recommended |", md, StringComparison.Ordinal);
        Assert.Contains("| hot-read | random | 10.0 M/s (1.00×) | 16.0 M/s (1.60×) | **ShardedMap**: fastest by 1.6× over ConcurrentDictionary; best p99 |", md, StringComparison.Ordinal);
        Assert.Contains("| big,mixed | random | 4.0 M/s (1.00×) | 3.0 M/s (0.75×) | **ConcurrentDictionary** is fastest; no MapGuard map beats it here", md, StringComparison.Ordinal);

        // The shapes of one workload sit side by side, in the report's shape order.
        int seq = md.IndexOf("| hot-read | seq | 20.0 M/s (1.00×) | 10.0 M/s (0.50×) | **ConcurrentDictionary** is fastest", StringComparison.Ordinal);
        int random = md.IndexOf("| hot-read | random |", StringComparison.Ordinal);
        int bigMixed = md.IndexOf("| big,mixed | random |", StringComparison.Ordinal);
        Assert.True(seq >= 0 && seq < random && random < bigMixed, md);
        Assert.Contains("| hot-read | seq | ShardedMap | 10,000,000 |", md, StringComparison.Ordinal);
        Assert.Contains("- commit: unknown", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_HasOneRowPerWorkloadAndOneColumnPerMap()
    {
        using var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 250;
        console.Write(MatrixTable.Build(Report()));
        string text = writer.ToString();

        Assert.Contains("16.0 M/s (1.60×)", text, StringComparison.Ordinal);
        Assert.Contains("3.0 M/s (0.75×)", text, StringComparison.Ordinal);
        Assert.Contains("ShardedMap: fastest by 1.6×", text, StringComparison.Ordinal);
        Assert.Contains("10.0 M/s (0.50×)", text, StringComparison.Ordinal);
        Assert.Contains("key shape", text, StringComparison.Ordinal);
        Assert.Contains(" seq ", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10, null)]
    [InlineData(45, "warning: noisy run: rounds differ by 45% (median spread); load average unknown on 2 cores.")]
    public void NoiseWarning_AppearsOnlyWhenRoundsDisagree(double spread, string? expectedStart)
    {
        var fixedReport = Report();
        var report = new MatrixReport
        {
            Machine = fixedReport.Machine,
            Settings = fixedReport.Settings,
            Recommendations = [],
            Failures = [],
            Workloads = fixedReport.Workloads,
            KeyShapes = fixedReport.KeyShapes,
            Maps = fixedReport.Maps,
            Results = [.. fixedReport.Results.Select(r => new ResultRow { Workload = r.Workload, Map = r.Map, Distribution = "uniform", KeyShape = r.KeyShape, SpreadPercent = spread, Rounds = 3 })],
        };

        string? warning = MatrixSession.NoiseWarning(report);

        if (expectedStart is null)
        {
            Assert.Null(warning);
        }
        else
        {
            Assert.StartsWith(expectedStart, warning, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AtomicFile_ReplacesTheTargetWhole()
    {
        using var temp = new TempDirectory();
        string path = temp.File("r.json");
        File.WriteAllText(path, "old");

        AtomicFile.WriteAllText(path, "new");

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(["r.json"], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
    }
}

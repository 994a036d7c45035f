using System.Text.Json;
using MapGuard.Cli.Lab;

namespace MapGuard.Cli.Tests.Lab;

/// <summary>
/// <c>mapguard lab</c> in short mode (a few trials): the reported outcomes are real counts, the guard catches every
/// trial, the concurrent maps lose nothing, and bad input is one line and exit code 2.
/// </summary>
public sealed class LabCommandTests
{
    private const int ShortTrials = 8; // a plain Dictionary goes wrong in most trials; 8 clean ones in a row would be a one-in-ten-thousand fluke

    [Fact]
    public async Task ConcurrentWrites_PlainDictionaryFails_GuardDetectsEveryTrial_MapsLoseNothing()
    {
        // Every run must show the guard and the maps keeping their promises. The plain Dictionary must go wrong at least
        // once; on a loaded 2-core machine its two threads can run one after the other for 8 trials (seen once in CI,
        // with the machine's load average at 5), so up to 3 runs may be needed to see it.
        JsonElement? failedDictionary = null;
        for (int run = 0; run < 3 && failedDictionary is null; run++)
        {
            JsonElement dictionary = await RunConcurrentWritesAsync();
            if (dictionary.GetProperty("failed").GetInt32() >= 1)
            {
                failedDictionary = dictionary;
            }
        }

        Assert.True(failedDictionary is not null, "two threads writing a plain Dictionary went right in every trial of 3 runs");
    }

    /// <summary>Runs the short lab, asserts the guard's and the maps' rows, and returns the plain Dictionary's row.</summary>
    private static async Task<JsonElement> RunConcurrentWritesAsync()
    {
        var result = await CliRunner.RunAsync(["lab", "concurrent-writes", "--trials", $"{ShortTrials}", "--json"], TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var report = LabReportJson.Parse(result.Stdout);
        Assert.Equal(ShortTrials, report.Trials);
        Assert.Empty(report.Unexpected);

        JsonElement dictionary = report.Row("Dictionary");
        Assert.Equal(ShortTrials, dictionary.GetProperty("trials").GetInt32());

        JsonElement guard = report.Row("GuardedDictionary");
        Assert.Equal(ShortTrials, guard.GetProperty("detected").GetInt32());
        Assert.Equal(ShortTrials, LabReportJson.Count(guard, "detected"));
        Assert.Equal(0, guard.GetProperty("entriesLost").GetInt64());
        Assert.Contains("IndexerSet while another thread was in IndexerSet", guard.GetProperty("examples").GetProperty("detected").GetString(), StringComparison.Ordinal);

        var maps = report.RowsOfKind("Map").ToList();
        Assert.Contains(maps, m => m.GetProperty("subject").GetString() == "LockFreeMap");
        Assert.Contains(maps, m => m.GetProperty("subject").GetString() == "ConcurrentDictionary");
        Assert.All(maps, map =>
        {
            Assert.Equal(ShortTrials, LabReportJson.Count(map, "correct"));
            Assert.Equal(0, map.GetProperty("entriesLost").GetInt64());
        });
        return dictionary.Clone();
    }

    [Fact]
    public async Task ConcurrentWrites_Table_ShowsEveryRowAndTheFindings()
    {
        var result = await CliRunner.RunAsync(["lab", "concurrent-writes", "--trials", "2"], TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("mapguard lab concurrent-writes: concurrent writes corrupt a Dictionary", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("GuardedDictionary", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("detected the overlap in 2 of 2 trials", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("0 entries lost and 0 failed trials", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("concurrent-writes")]
    [InlineData("torn-state")]
    [InlineData("captured-closure")]
    [InlineData("gc-resize")]
    [InlineData("migration")]
    [InlineData("native-threads")]
    [InlineData("migrate-to-redis")]
    public void EveryHazard_DescribesItsProblemOnItsOwnTerms(string name)
    {
        var hazard = Assert.Single(LabHazards.All, h => h.Name == name);

        Assert.False(string.IsNullOrWhiteSpace(hazard.Problem));
        Assert.DoesNotMatch("(?i)article|chapter", hazard.Problem + " " + hazard.Summary);
    }

    [Fact]
    public async Task TornState_NaiveWrapperTears_MapsMatchTheModelAfterEveryFault()
    {
        var result = await CliRunner.RunAsync(["lab", "torn-state", "--trials", $"{ShortTrials}", "--json"], TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var report = LabReportJson.Parse(result.Stdout);
        Assert.Empty(report.Unexpected);

        // 4,000 calls with 5% throwing factories: the naive wrapper is left torn every time.
        JsonElement naive = report.Row("lock + Dictionary + key list");
        Assert.Equal(ShortTrials, LabReportJson.Count(naive, "torn"));
        Assert.Contains("keys listed with no value", naive.GetProperty("examples").GetProperty("torn").GetString(), StringComparison.Ordinal);

        var maps = report.RowsOfKind("Map").ToList();
        Assert.True(maps.Count >= 4);
        Assert.All(maps, map =>
        {
            Assert.Equal(ShortTrials, LabReportJson.Count(map, "correct"));
            Assert.True(map.GetProperty("metrics").GetProperty("faults thrown").GetDouble() > ShortTrials * 100, "faults were really injected");
        });
    }

    [Fact]
    public async Task CapturedClosure_GuardDetectsEveryRacingTrial_MapsLoseNothing()
    {
        var result = await CliRunner.RunAsync(["lab", "captured-closure", "--trials", $"{ShortTrials}", "--json"], TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var report = LabReportJson.Parse(result.Stdout);
        Assert.Empty(report.Unexpected);

        foreach (string variant in new[] { "Parallel.For", "Task.Run x2" })
        {
            JsonElement guard = report.Row("GuardedDictionary in " + variant);
            int racing = ShortTrials - LabReportJson.Count(guard, "no overlap");
            Assert.Equal(racing, guard.GetProperty("detected").GetInt32());
            Assert.Equal(0, guard.GetProperty("entriesLost").GetInt64());
        }

        // The report names the analyzer rule that catches this hazard before it runs.
        Assert.Contains(report.Notes, n => n.Contains("MG1001", StringComparison.Ordinal));

        // Parallel.For keeps both workers busy on one loop: most trials race, so the guard has something to catch.
        Assert.True(report.Row("GuardedDictionary in Parallel.For").GetProperty("detected").GetInt32() >= 1);
        Assert.All(report.RowsOfKind("Map"), map =>
        {
            Assert.Equal(0, map.GetProperty("failed").GetInt32());
            Assert.Equal(0, map.GetProperty("entriesLost").GetInt64());
        });
    }

    [Fact]
    public async Task NativeThreads_GuardDetectsEveryTrialOnPthreads_MapsLoseNothing()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "pthread_create is Linux and macOS only");

        var result = await CliRunner.RunAsync(["lab", "native-threads", "--trials", $"{ShortTrials}", "--json"], TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var report = LabReportJson.Parse(result.Stdout);
        Assert.Empty(report.Unexpected);
        Assert.Contains("pthread_create", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("outside the thread pool", result.Stdout, StringComparison.Ordinal);

        JsonElement guard = report.Row("GuardedDictionary");
        Assert.Equal(ShortTrials, guard.GetProperty("detected").GetInt32());
        Assert.Equal(0, guard.GetProperty("entriesLost").GetInt64());
        Assert.All(report.RowsOfKind("Map"), map =>
        {
            Assert.Equal(ShortTrials, LabReportJson.Count(map, "correct"));
            Assert.Equal(0, map.GetProperty("entriesLost").GetInt64());
        });
    }

    [Fact]
    public async Task GcResize_SeesPausesAndResizes_WholeTableGrowVersusIncremental()
    {
        var result = await CliRunner.RunAsync(["lab", "gc-resize", "--trials", "1", "--json"], TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var report = LabReportJson.Parse(result.Stdout);
        Assert.Empty(report.Unexpected);

        JsonElement concurrent = report.Row("ConcurrentDictionary");
        JsonElement lockFree = report.Row("LockFreeMap");
        foreach (JsonElement row in new[] { concurrent, lockFree })
        {
            Assert.Equal(1, LabReportJson.Count(row, "correct"));
            JsonElement metrics = row.GetProperty("metrics");
            Assert.True(metrics.GetProperty("GC pauses").GetDouble() > 0, "the EventListener saw no GC pause: " + metrics);
            Assert.True(metrics.GetProperty("resizes per fill").GetDouble() >= 10, "the resize probe saw no growth: " + metrics);
        }

        // ConcurrentDictionary grows in one write per resize; LockFreeMap's resizes span many writes each.
        JsonElement cd = concurrent.GetProperty("metrics");
        JsonElement lf = lockFree.GetProperty("metrics");
        Assert.True(cd.GetProperty("writes in resize").GetDouble() <= cd.GetProperty("resizes per fill").GetDouble() + 2);
        Assert.True(lf.GetProperty("writes in resize").GetDouble() > 10 * lf.GetProperty("resizes per fill").GetDouble());
        Assert.True(cd.GetProperty("max us in resize").GetDouble() > 10 * cd.GetProperty("p99 us outside").GetDouble());
    }

    public static TheoryData<string[], string> BadInput() => new()
    {
        { ["lab", "no-such-hazard"], "lab: unknown hazard 'no-such-hazard'; available hazards: concurrent-writes" },
        { ["lab", "concurrent-writes", "--trials", "0"], "--trials: must be between 1 and 10000 (got 0)" },
        { ["lab", "concurrent-writes", "--trials", "many"], "--trials: 'many' is not a whole number" },
        { ["lab", "concurrent-writes", "--timeout", "1ms"], "--timeout: '1ms' is out of range" },
        { ["lab"], "lab: name a hazard: concurrent-writes" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task BadInput_PrintsOneLineAndExitsWithTwo(string[] args, string expected)
    {
        var result = await CliRunner.RunAsync(args, TestContext.Current.CancellationToken);

        Assert.Equal(2, result.ExitCode);
        string line = Assert.Single(result.StderrLines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }
}

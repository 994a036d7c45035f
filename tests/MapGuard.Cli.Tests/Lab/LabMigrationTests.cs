using System.Text.Json;
using MapGuard.Cli.Lab;
using MapGuard.Cli.Lab.Migration;

namespace MapGuard.Cli.Tests.Lab;

/// <summary>
/// <c>mapguard lab migrate-to-redis</c> (to a redis-server from PATH that the command starts itself) in short
/// mode: a real live migration, checked key by key, with each phase shown. Without redis-server the migrate-to-redis
/// cases skip, except under CI (which installs it), where they fail.
/// </summary>
public sealed class LabMigrationTests
{
    [Theory]
    [InlineData("migration", "LockFreeMap", 200_000)]
    [InlineData("migrate-to-redis", "RedisMap", 20_000)]
    public async Task Migration_ShortRun_ShowsEachPhase_MeasuresEachStage_AndLosesNothing(string hazard, string target, int keys)
    {
        string[] stages =
        [
            "before: ConcurrentDictionaryMap",
            "dual-write: MigratingMap",
            "draining: MigratingMap + sweep",
            "after: cut over to " + target,
        ];
        SkipWithoutRedisServer(hazard);
        var result = await CliRunner.RunAsync(["lab", hazard, "--duration", "2s", "--json"], TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var report = LabReportJson.Parse(result.Stdout);
        Assert.Empty(report.Unexpected);
        Assert.Equal(1, report.Trials);
        foreach (string stage in stages)
        {
            JsonElement row = report.Row(stage);
            Assert.Equal(1, LabReportJson.Count(row, "correct"));
            Assert.Equal(0, row.GetProperty("entriesLost").GetInt64());
            JsonElement metrics = row.GetProperty("metrics");
            Assert.True(metrics.GetProperty("M calls/s").GetDouble() > 0, $"{stage}: no calls measured");
            Assert.True(metrics.GetProperty("p99 us").GetDouble() > 0, $"{stage}: no latency measured");
        }

        // The phases were announced as they happened, in order, and the sweep copied the cold half.
        int dualWrite = result.Stderr.IndexOf("phase DualWrite: MigratingMap installed", StringComparison.Ordinal);
        int draining = result.Stderr.IndexOf("phase DualWrite -> Draining (Requested)", StringComparison.Ordinal);
        int cutOver = result.Stderr.IndexOf("phase Draining -> CutOver (SweepCompleted)", StringComparison.Ordinal);
        Assert.True(dualWrite >= 0 && draining > dualWrite && cutOver > draining, result.Stderr);
        // The cold half of the keys is never touched by the load, so only the sweep can copy it; the sweep also copies
        // hot keys the load has not touched yet.
        var swept = System.Text.RegularExpressions.Regex.Match(result.Stderr, @"CutOver \(SweepCompleted\): [\d,]+ backfills, ([\d,]+) swept keys");
        Assert.True(swept.Success, result.Stderr);
        Assert.InRange(long.Parse(swept.Groups[1].Value, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture), keys / 2, keys);
        Assert.Contains("0 errors, 0 lost keys, 0 resurrected keys", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("migration")]
    [InlineData("migrate-to-redis")]
    public async Task Migration_Table_StatesZeroErrorsAndZeroLostKeys(string hazard)
    {
        SkipWithoutRedisServer(hazard);
        var result = await CliRunner.RunAsync(["lab", hazard, "--duration", "1s"], TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains("0 errors during the load (every read checked), 0 lost keys and 0 resurrected keys", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("ended in CutOver", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void MigrateToRedis_WithNoServerNamedOrOnPath_SaysWhatItNeeds()
    {
        string empty = Directory.CreateTempSubdirectory("mapguard-no-redis-").FullName;
        try
        {
            var settings = new LabSettings { ServerSearchPath = empty };

            UsageException error = Assert.Throws<UsageException>(() => RedisMigrationTarget.Open(settings));

            Assert.Equal(LocalRedisServer.MissingMessage, error.Message);
            Assert.Contains("--redis HOST:PORT", error.Message, StringComparison.Ordinal);
            Assert.Contains("apt-get install redis-server", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("\n", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    private static void SkipWithoutRedisServer(string hazard)
    {
        if (hazard != "migrate-to-redis" || LocalRedisServer.Find(Environment.GetEnvironmentVariable("PATH")) is not null)
        {
            return;
        }

        const string Message = "redis-server is not on PATH (apt-get install redis-server); .ci/run installs it.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail("Under CI migrate-to-redis must run: " + Message);
        }

        Assert.Skip(Message);
    }
}

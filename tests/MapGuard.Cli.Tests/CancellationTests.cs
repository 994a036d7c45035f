using System.Text.Json;

namespace MapGuard.Cli.Tests;

/// <summary>Ctrl+C (the cancellation token) stops the run, and what was measured is still printed and written.</summary>
[Collection(MeasurementCollection.Name)]
public sealed class CancellationTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Cancel_MidRun_ExitsWith130AndWritesPartialResults()
    {
        string profile = _temp.File("profile.json");
        await File.WriteAllTextAsync(
            profile,
            """
            { "workloads": [
              { "name": "one", "keys": 1024, "readPercent": 100 }, { "name": "two", "keys": 1024, "readPercent": 50 },
              { "name": "three", "keys": 1024, "readPercent": 0 }, { "name": "four", "keys": 2048, "readPercent": 100 },
              { "name": "five", "keys": 2048, "readPercent": 50 }, { "name": "six", "keys": 2048, "readPercent": 0 } ] }
            """,
            TestContext.Current.CancellationToken);
        string output = _temp.File("partial.json");
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancellation.CancelAfter(TimeSpan.FromSeconds(2));
        var started = DateTime.UtcNow;

        var result = await CliRunner.RunAsync(
            ["matrix", "--quick", "--profile", profile, "--maps", "LockedMap,ShardedMap", "--duration", "100ms", "--out", output],
            cancellation.Token);

        // Eighteen measurements (each a process start, a fill and 100+ ms of measuring) take well over 2 s; the run
        // stopped soon after the cancellation instead of finishing the current measurement's remaining work.
        Assert.Equal(130, result.ExitCode);
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(6));
        Assert.Contains("stopped by Ctrl+C", result.Stderr, StringComparison.Ordinal);

        using var json = JsonDocument.Parse(File.ReadAllText(output));
        Assert.False(json.RootElement.GetProperty("complete").GetBoolean());
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.InRange(results.Count, 0, 17);

        // Never a recommendation on missing data: only for workloads with all three maps measured.
        foreach (var recommendation in json.RootElement.GetProperty("recommendations").EnumerateArray())
        {
            string workload = recommendation.GetProperty("workload").GetString()!;
            Assert.Equal(3, results.Count(r => r.GetProperty("workload").GetString() == workload));
        }

        Assert.Empty(Directory.GetFiles(_temp.Path, "*.tmp"));
    }
}

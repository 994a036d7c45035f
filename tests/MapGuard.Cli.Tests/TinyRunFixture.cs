namespace MapGuard.Cli.Tests;

/// <summary>
/// One tiny real run, shared by the tests that check its outputs: two maps plus the reference, one small ad-hoc
/// workload on the random key shape, 100 ms, one round, with --out JSON and --chart SVG.
/// </summary>
public sealed class TinyRunFixture : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();

    public string JsonPath => _temp.File("m.json");

    public string ChartPath => _temp.File("m.svg");

    internal CliResult Result { get; private set; } = new(-1, "", "");

    public async ValueTask InitializeAsync() =>
        Result = await CliRunner.RunAsync(
        [
            "matrix", "--maps", "LockedMap,ShardedMap", "--keys", "4096", "--read", "90", "--threads", "2", "--key-shape", "random",
            "--duration", "100ms", "--rounds", "1", "--out", JsonPath, "--chart", ChartPath,
        ]);

    public ValueTask DisposeAsync()
    {
        _temp.Dispose();
        return ValueTask.CompletedTask;
    }
}

using MapGuard.Cli.Matrix.Workloads;

namespace MapGuard.Cli.Tests;

/// <summary>Every bad input prints one clear line on stderr, exits with 2, measures nothing and writes nothing.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string[], string> FlagCases() => new()
    {
        { ["matrix", "--maps", "LockedMap,Nope"], "unknown map 'Nope'" },
        { ["matrix", "--keys", "0"], "keys must be between 1 and" },
        { ["matrix", "--keys", "-5"], "keys must be between 1 and" },
        { ["matrix", "--keys", "lots"], "--keys: 'lots' is not a whole number" },
        { ["matrix", "--keys", "999999999999"], "keys must be between 1 and" },
        { ["matrix", "--threads", "0"], "threads must be between 1 and 256 (got 0)" },
        { ["matrix", "--threads", "257"], "threads must be between 1 and 256 (got 257)" },
        { ["matrix", "--read", "-1"], "read percent must be between 0 and 100 (got -1)" },
        { ["matrix", "--read", "100.5"], "read percent must be between 0 and 100 (got 100.5)" },
        { ["matrix", "--read", "most"], "--read: 'most' is not a number" },
        { ["matrix", "--distribution", "normal"], "distribution must be uniform or zipf (got 'normal')" },
        { ["matrix", "--key-shape", "long"], "--key-shape: key shape must be seq, random, string, url or guid (got 'long')" },
        { ["matrix", "--key-shape", "seq,strings"], "--key-shape: key shape must be seq, random, string, url or guid (got 'strings')" },
        { ["matrix", "--key-shape", " , "], "--key-shape: name at least one key shape: seq, random, string, url or guid" },
        { ["matrix", "--key-type", "string"], "--key-type" },
        { ["matrix", "--duration", "soon"], "--duration: cannot read 'soon' as a duration" },
        { ["matrix", "--duration", "1ms"], "--duration: '1ms' is out of range" },
        { ["matrix", "--duration", "2h"], "--duration: cannot read '2h' as a duration" },
        { ["matrix", "--rounds", "0"], "--rounds: must be between 1 and 100 (got 0)" },
        { ["matrix", "--profile", "p.json", "--keys", "10"], "--profile cannot be combined with --keys" },
        { ["matrix", "--no-such-option"], "no-such-option" },
        { ["matrix", "--out", "results.txt"], "use .json, .csv or .md" },
        { ["matrix", "--chart", "chart.jpg"], "--chart: cannot tell the format of 'chart.jpg' from its extension '.jpg'; use .png or .svg" },
        { ["matrix", "--chart", "chart"], "--chart: cannot tell the format of 'chart' from its extension ''; use .png or .svg" },
        { ["lab", "migration", "--duration", "500ms"], "--duration: '500ms' is too short; use 1s to 10m" },
        { ["lab", "migration", "--duration", "forever"], "--duration: cannot read 'forever' as a duration" },
        { ["lab", "migrate-to-redis", "--redis", " "], "--redis: name a server, e.g. 127.0.0.1:6379" },

        // Numbers too large for their type: each once escaped as an OverflowException with a stack trace and exit 1.
        { ["matrix", "--duration", "99999999999999999999"], "--duration: '99999999999999999999' is out of range" },
        { ["matrix", "--duration", "99999999999999999999m"], "--duration: '99999999999999999999m' is out of range" },
        { ["lab", "migration", "--duration", "99999999999999999999"], "--duration: '99999999999999999999' is out of range" },
        { ["lab", "concurrent-writes", "--timeout", "99999999999999999999"], "--timeout: '99999999999999999999' is out of range" },
        { ["lab", "concurrent-writes", "--timeout", "99999999999999999999ms"], "--timeout: '99999999999999999999ms' is out of range" },
        { ["matrix", "--keys", "99999999999999999999"], "--keys: '99999999999999999999' is not a whole number" },
        { ["matrix", "--threads", "99999999999999999999"], "--threads: '99999999999999999999' is not a whole number" },
        { ["matrix", "--rounds", "99999999999999999999"], "--rounds: '99999999999999999999' is not a whole number" },
        { ["matrix", "--read", "1e400"], "--read: '1e400' is not a number" },
        { ["lab", "concurrent-writes", "--trials", "99999999999999999999"], "--trials: '99999999999999999999' is not a whole number" },
        { ["hitrate", "--keys", "99999999999999999999"], "--keys: '99999999999999999999' is not a whole number" },
        { ["hitrate", "--length", "99999999999999999999"], "--length: '99999999999999999999' is not a whole number" },
        { ["hitrate", "--sizes", "1e400"], "--sizes: '1e400' is not a number" },
        { ["hitrate", "--seed", "99999999999999999999"], "99999999999999999999" },
    };

    [Theory]
    [MemberData(nameof(FlagCases))]
    public async Task BadFlag_PrintsOneLineAndExitsWithTwo(string[] args, string expected)
    {
        var result = await CliRunner.RunAsync(args, TestContext.Current.CancellationToken);

        AssertUsageError(result, expected);
    }

    [Fact]
    public async Task UnreachableRedis_ExitsWithTwo_BeforeAnyLoadRuns()
    {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        var result = await CliRunner.RunAsync(["lab", "migrate-to-redis", "--redis", "127.0.0.1:1", "--duration", "1s"], TestContext.Current.CancellationToken);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: --redis: cannot connect to '127.0.0.1:1'", result.StderrLines[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("M calls/s", result.Stderr, StringComparison.Ordinal); // no load ran
        Assert.Equal("", result.Stdout);
    }

    [Theory]
    [InlineData("127.0.0.1:1,password=hunter2-secret", "error: --redis: cannot connect to '127.0.0.1:1,password=*****'")]
    [InlineData("127.0.0.1:1,Password = hunter2-secret,ssl=false", "error: --redis: cannot connect to '127.0.0.1:1,Password =*****,ssl=false'")]
    [InlineData("127.0.0.1:1,password=hunter2-secret,connectTimeout=soon", "error: --redis: cannot read '127.0.0.1:1,password=*****,connectTimeout=soon' as a server address")]
    public async Task RedisPassword_NeverAppearsInTheOutput(string redis, string expectedStart)
    {
        // The configuration string was printed as given, password and all, on stderr.
        var result = await CliRunner.RunAsync(["lab", "migrate-to-redis", "--redis", redis, "--duration", "1s"], TestContext.Current.CancellationToken);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(expectedStart, result.StderrLines[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", result.Stderr + result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownMap_ListsTheAvailableMaps()
    {
        var result = await CliRunner.RunAsync(["matrix", "--maps", "NoSuchMap"], TestContext.Current.CancellationToken);

        AssertUsageError(result, "--maps: unknown map 'NoSuchMap'; available maps: ConcurrentDictionary, ");
        Assert.Contains("LockedMap", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("ShardedMap", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingProfile_PrintsOneLineAndExitsWithTwo()
    {
        string path = _temp.File("absent.json");

        var result = await CliRunner.RunAsync(["matrix", "--profile", path], TestContext.Current.CancellationToken);

        AssertUsageError(result, $"--profile: cannot read '{path}'");
    }

    public static TheoryData<string, string> ProfileCases() => new()
    {
        { "{ \"workloads\": [ { \"name\": \"a\", ", "is not a valid profile" },
        { "not json at all", "is not a valid profile" },
        { "{ \"workloads\": [] }", "holds no workloads" },
        { "{ \"workloads\": [ { \"name\": \"a\", \"readPercent\": 90 } ] }", "workload 'a' has no \"keys\"" },
        { "{ \"workloads\": [ { \"keys\": 10, \"readPercent\": 90 } ] }", "workload #1 has no \"name\"" },
        { "{ \"workloads\": [ { \"name\": \"a\", \"keys\": 10 } ] }", "workload 'a' has no \"readPercent\"" },
        { "{ \"workloads\": [ { \"name\": \"a\", \"keys\": 0, \"readPercent\": 90 } ] }", "keys must be between 1 and" },
        { "{ \"workloads\": [ { \"name\": \"a\", \"keys\": 10, \"readPercent\": 120 } ] }", "read percent must be between 0 and 100 (got 120)" },
        { "{ \"workloads\": [ { \"name\": \"a\", \"keys\": 10, \"readPercent\": 50, \"threads\": 300 } ] }", "threads must be between 1 and 256 (got 300)" },
        { "{ \"workloads\": [ { \"name\": \"a\", \"keys\": 10, \"readPercent\": 50, \"distribution\": \"pareto\" } ] }", "distribution must be uniform or zipf" },
        { "{ \"workloads\": [ { \"name\": \"a\", \"keys\": 10, \"readPercent\": 50, \"reads\": 3 } ] }", "is not a valid profile" },
        { "{ \"workloads\": [ { \"name\": \"a\", \"keys\": 10, \"readPercent\": 50, \"keyShape\": \"seq,uuid\" } ] }", "workload 'a': key shape must be seq, random, string, url or guid (got 'uuid')" },
        { "{ \"workloads\": [ { \"name\": \"a\", \"keys\": 10, \"readPercent\": 50, \"keyType\": \"long\" } ] }", "is not a valid profile" },
        { "[ { \"name\": \"a\", \"keys\": 10, \"readPercent\": 50 }, { \"name\": \"A\", \"keys\": 10, \"readPercent\": 50 } ]", "workload 'A' appears twice" },
        { Named(new string('w', 300_000)), "workload #1: workload name is 300000 characters long; at most 64 are allowed" },
        { Named(new string('w', 65)), "workload #1: workload name is 65 characters long" },
        { Named("=HYPERLINK(\\\"http://example.com\\\")"), "workload #1: workload name has a character it may not have at position 1" },
        { Named("-x"), "workload #1: workload name has a character it may not have at position 1" },
        { Named("hot read"), "workload #1: workload name has a character it may not have at position 4" },
        { Named("a\\u001b[31m"), "workload #1: workload name has a character it may not have at position 2" },
    };

    private static string Named(string name) => $"[ {{ \"name\": \"{name}\", \"keys\": 10, \"readPercent\": 50 }} ]";

    [Fact]
    public void ProfileWorkloadName_WithinTheRules_IsAccepted()
    {
        var workloads = ProfileLoader.Parse(Named("Orders_v2.hot-" + new string('x', 50)), "p.json", [KeyShape.Random]);

        Assert.Equal("Orders_v2.hot-" + new string('x', 50), Assert.Single(workloads).Name);
    }

    [Fact]
    public void ProfileWorkloadName_TooLongOrWithBadCharacters_IsRefusedBeforeAnyWorkerStarts()
    {
        // A 300,000-character name made every worker launch fail with E2BIG (the name travels in --spec), exit 1.
        var tooLong = Assert.Throws<UsageException>(() => ProfileLoader.Parse(Named(new string('w', 300_000)), "p.json", [KeyShape.Random]));
        var formula = Assert.Throws<UsageException>(() => ProfileLoader.Parse(Named("=1+2"), "p.json", [KeyShape.Random]));

        Assert.InRange(tooLong.Message.Length, 1, 200); // the message does not repeat the name
        Assert.DoesNotContain("=1+2", formula.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProfileLargerThanTheCap_PrintsOneLineAndExitsWithTwo()
    {
        // Valid JSON that only whitespace makes too large: before the cap it was read whole and parsed.
        string path = _temp.File("huge.json");
        string workloads = Named("a");
        await File.WriteAllTextAsync(path, workloads + new string(' ', ProfileLoader.MaxProfileBytes), TestContext.Current.CancellationToken);

        var error = Assert.Throws<UsageException>(() => ProfileLoader.Load(path, [KeyShape.Random]));

        Assert.Equal($"--profile: '{path}' is larger than 1 MiB; a profile is a short JSON list of workloads", error.Message);
    }

    [Fact]
    public async Task ProfileAtTheCap_IsRead()
    {
        string path = _temp.File("padded.json");
        string workloads = Named("a");
        await File.WriteAllTextAsync(path, workloads + new string(' ', ProfileLoader.MaxProfileBytes - workloads.Length), TestContext.Current.CancellationToken);

        Assert.Equal("a", Assert.Single(ProfileLoader.Load(path, [KeyShape.Random])).Name);
    }

    [Fact]
    public async Task EndlessProfile_StopsAtTheCap()
    {
        // /dev/zero claims a length of 0 and never ends: File.ReadAllText died of OutOfMemoryException.
        Assert.SkipUnless(File.Exists("/dev/zero"), "needs /dev/zero");

        var result = await CliRunner.RunAsync(["matrix", "--profile", "/dev/zero"], TestContext.Current.CancellationToken);

        AssertUsageError(result, "--profile: '/dev/zero' is larger than 1 MiB");
    }

    [Theory]
    [MemberData(nameof(ProfileCases))]
    public async Task MalformedProfile_PrintsOneLineAndExitsWithTwo(string json, string expected)
    {
        string path = _temp.File("profile.json");
        await File.WriteAllTextAsync(path, json, TestContext.Current.CancellationToken);

        var result = await CliRunner.RunAsync(["matrix", "--profile", path], TestContext.Current.CancellationToken);

        AssertUsageError(result, expected);
    }

    [Fact]
    public async Task OutInMissingDirectory_FailsBeforeMeasuring()
    {
        string path = _temp.File(Path.Combine("no", "such", "dir", "m.json"));

        var result = await CliRunner.RunAsync(["matrix", "--out", path], TestContext.Current.CancellationToken);

        AssertUsageError(result, "--out: cannot write");
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task OutThatIsADirectory_FailsBeforeMeasuring()
    {
        string path = _temp.File("folder.json");
        Directory.CreateDirectory(path);

        var result = await CliRunner.RunAsync(["matrix", "--out", path], TestContext.Current.CancellationToken);

        AssertUsageError(result, "is a directory");
    }

    [Fact]
    public async Task OutUnderAFile_FailsBeforeMeasuring()
    {
        string file = _temp.File("plain-file");
        await File.WriteAllTextAsync(file, "x", TestContext.Current.CancellationToken);

        var result = await CliRunner.RunAsync(["matrix", "--out", Path.Combine(file, "m.csv")], TestContext.Current.CancellationToken);

        AssertUsageError(result, "--out: cannot write");
    }

    [Fact]
    public async Task ChartInMissingDirectory_FailsBeforeMeasuringAndWritesNoOut()
    {
        string outPath = _temp.File("m.json");
        string chart = _temp.File(Path.Combine("missing", "m.svg"));

        var result = await CliRunner.RunAsync(["matrix", "--out", outPath, "--chart", chart], TestContext.Current.CancellationToken);

        AssertUsageError(result, "--chart: cannot write");
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Path)); // no report, no temp file left behind
    }

    private static void AssertUsageError(CliResult result, string expected)
    {
        Assert.Equal(2, result.ExitCode);
        var lines = result.StderrLines;
        Assert.Single(lines);
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
        Assert.Equal("", result.Stdout); // no table: nothing was measured
    }
}

using System.CommandLine;
using System.Globalization;
using MapGuard.Cli.Matrix.Maps;
using MapGuard.Cli.Matrix.Output;
using MapGuard.Cli.Matrix.Running;
using MapGuard.Cli.Matrix.Workloads;

namespace MapGuard.Cli.Commands;

/// <summary>
/// <c>mapguard matrix</c>: options, validation of every input before anything runs, and the hand-off to
/// <see cref="MatrixSession"/>.
/// </summary>
internal static class MatrixCommand
{
    /// <summary>The most rounds allowed.</summary>
    public const int MaxRounds = 100;

    private static readonly Option<bool> s_quick = new("--quick") { Description = "Shorter phases and the random key shape only (unless --key-shape says otherwise): about 45 seconds on a 2-core machine." };
    private static readonly Option<string?> s_profile = new("--profile") { Description = "A JSON file with a list of workloads: {\"workloads\": [{\"name\", \"keys\", \"readPercent\", \"threads\", \"distribution\", \"keyShape\"}]}; a workload without keyShape runs on the --key-shape shapes.", HelpName = "FILE.json" };
    private static readonly Option<string?> s_keys = new("--keys") { Description = "Ad-hoc workload: number of keys (default 1048576).", HelpName = "N" };
    private static readonly Option<string?> s_read = new("--read") { Description = "Ad-hoc workload: percent of reads, 0-100 (default 90).", HelpName = "PERCENT" };
    private static readonly Option<string?> s_threads = new("--threads") { Description = "Ad-hoc workload: threads, 1-256 (default 2).", HelpName = "N" };
    private static readonly Option<string?> s_distribution = new("--distribution") { Description = "Ad-hoc workload: uniform or zipf (s=0.99) key choice (default uniform).", HelpName = "uniform|zipf" };
    private static readonly Option<string?> s_keyShape = new("--key-shape")
    {
        Description = "Comma-separated key shapes; every workload runs on each: seq (long IDs 0..N-1), random (scrambled long), " +
            "string (15 chars, order-000012345), url (60-80 chars), guid. Default seq,random,string; random with --quick.",
        HelpName = "seq,random,...",
    };

    private static readonly Option<string?> s_duration = new("--duration") { Description = "Measured time per map, workload and key shape, e.g. 500ms or 2s (default 250ms after a 150-600ms warm-up; 120ms after 100-300ms with --quick).", HelpName = "TIME" };
    private static readonly Option<string?> s_maps = new("--maps") { Description = "Comma-separated maps to measure; ConcurrentDictionary is always included.", HelpName = "a,b" };
    private static readonly Option<string?> s_rounds = new("--rounds") { Description = "Interleaved rounds; throughput is the median, and 2 or more also measure the spread (default 1: the default grid takes about two minutes).", HelpName = "N" };
    private static readonly Option<string?> s_out = new("--out") { Description = "Write the results to FILE: .json, .csv or .md.", HelpName = "FILE" };
    private static readonly Option<string?> s_chart = new("--chart") { Description = "Draw a bar chart of the ratios to FILE: .png (an image) or .svg (scalable; opens in any browser).", HelpName = "FILE.png|FILE.svg" };

    /// <summary>Creates the command; its action writes to <paramref name="stdout"/> and <paramref name="stderr"/>.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("matrix", "Measure every map against ConcurrentDictionary on this machine and recommend one per workload and key shape. Default: the six standard workloads on the seq, random and string key shapes, one round, about two minutes on 2 cores.")
        {
            s_quick, s_profile, s_keys, s_read, s_threads, s_distribution, s_keyShape, s_duration, s_maps, s_rounds, s_out, s_chart,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            MatrixSettings settings;
            try
            {
                settings = Bind(parseResult);
            }
            catch (UsageException ex)
            {
                await stderr.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            return await MatrixSession.RunAsync(settings, stdout, stderr, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Turns parsed options into validated settings, checking output paths before anything is measured.</summary>
    /// <exception cref="UsageException">Any input is invalid.</exception>
    public static MatrixSettings Bind(ParseResult parse)
    {
        bool quick = parse.GetValue(s_quick);
        var keyShapes = parse.GetValue(s_keyShape) is { } keyShapeText
            ? WorkloadLimits.ParseKeyShapes(keyShapeText, "--key-shape")
            : quick ? MatrixSettings.QuickKeyShapes : MatrixSettings.DefaultKeyShapes;

        string? keysText = parse.GetValue(s_keys);
        string? readText = parse.GetValue(s_read);
        string? threadsText = parse.GetValue(s_threads);
        string? distributionText = parse.GetValue(s_distribution);
        bool adHoc = keysText is not null || readText is not null || threadsText is not null || distributionText is not null;
        string? profile = parse.GetValue(s_profile);

        IReadOnlyList<Workload> workloads;
        if (profile is not null)
        {
            if (adHoc)
            {
                throw new UsageException("--profile cannot be combined with --keys, --read, --threads or --distribution");
            }

            workloads = ProfileLoader.Load(profile, keyShapes);
        }
        else if (adHoc)
        {
            var workload = new Workload(
                "custom",
                keysText is null ? 1_048_576 : WorkloadLimits.CheckKeys(OptionValues.ParseInteger(keysText, "--keys"), "--keys"),
                readText is null ? 90 : WorkloadLimits.CheckReadPercent(OptionValues.ParseNumber(readText, "--read"), "--read"),
                threadsText is null ? 2 : WorkloadLimits.CheckThreads(OptionValues.ParseInteger(threadsText, "--threads"), "--threads"),
                distributionText is null ? KeyDistribution.Uniform : WorkloadLimits.ParseDistribution(distributionText, "--distribution"),
                KeyShape.Random);
            workloads = StandardWorkloads.ForShapes([workload with { Name = CustomName(workload) }], keyShapes);
        }
        else
        {
            workloads = StandardWorkloads.Create(keyShapes);
        }

        var maps = MapCatalog.Select(parse.GetValue(s_maps));

        int rounds = quick ? MatrixSettings.QuickRounds : MatrixSettings.DefaultRounds;
        if (parse.GetValue(s_rounds) is { } roundsText)
        {
            long value = OptionValues.ParseInteger(roundsText, "--rounds");
            rounds = value is >= 1 and <= MaxRounds
                ? (int)value
                : throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--rounds: must be between 1 and {MaxRounds} (got {value})"));
        }

        var measure = parse.GetValue(s_duration) is { } durationText
            ? OptionValues.ParseDuration(durationText, "--duration")
            : quick ? MatrixSettings.QuickMeasure : MatrixSettings.DefaultMeasure;

        string? outPath = parse.GetValue(s_out);
        if (outPath is not null)
        {
            OutputPaths.FormatOf(outPath);
            outPath = OutputPaths.CheckWritable(outPath, "--out");
        }

        string? chartPath = parse.GetValue(s_chart);
        if (chartPath is not null)
        {
            OutputPaths.ChartFormatOf(chartPath);
            chartPath = OutputPaths.CheckWritable(chartPath, "--chart");
        }

        if (outPath is not null && chartPath is not null && string.Equals(outPath, chartPath, StringComparison.Ordinal))
        {
            throw new UsageException("--out and --chart name the same file");
        }

        return new MatrixSettings
        {
            Workloads = workloads,
            Maps = maps,
            Rounds = rounds,
            Measure = measure,
            WarmupMin = quick ? MatrixSettings.QuickWarmupMin : MatrixSettings.DefaultWarmupMin,
            WarmupMax = quick ? MatrixSettings.QuickWarmupMax : MatrixSettings.DefaultWarmupMax,
            OutPath = outPath,
            ChartPath = chartPath,
            Quick = quick,
        };
    }

    private static string CustomName(Workload w) => string.Create(
        CultureInfo.InvariantCulture,
        $"custom-{w.Keys}k-{w.ReadPercent:0.##}r-{w.Threads}t-{w.DistributionName}");
}

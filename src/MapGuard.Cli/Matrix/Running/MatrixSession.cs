using MapGuard.Cli.Matrix.Output;
using MapGuard.Cli.Matrix.Results;
using MapGuard.Cli.Matrix.Worker;
using Spectre.Console;

namespace MapGuard.Cli.Matrix.Running;

/// <summary>
/// One <c>mapguard matrix</c> run from validated settings to printed table and written files, including the
/// Ctrl+C path: whatever was measured is still aggregated, printed and written.
/// </summary>
internal static class MatrixSession
{
    /// <summary>Runs the matrix and returns the exit code.</summary>
    public static async Task<int> RunAsync(MatrixSettings settings, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.Now;
        string? commit = GitInfo.TryGetCommit();
        var launcher = WorkerLauncher.ForCurrentProcess();
        var shapeNames = ShapedKeys.All.Where(shape => settings.Workloads.Any(w => w.KeyShape == shape)).Select(ShapedKeys.NameOf);
        await stderr.WriteLineAsync(
            $"mapguard matrix: {settings.Workloads.Select(w => w.Name).Distinct().Count()} workload(s) on key shapes {string.Join(",", shapeNames)} = " +
            $"{settings.Workloads.Count} rows × {settings.Maps.Count} maps × {settings.Rounds} round(s) = " +
            $"{settings.MeasurementCount} measurements, each in its own process ({settings.Measure.TotalMilliseconds:0} ms after warm-up). Ctrl+C stops and keeps what is measured.")
            .ConfigureAwait(false);

        MatrixRunOutcome outcome;
        if (IsTerminal(stderr, Console.Error, Console.IsErrorRedirected))
        {
            var console = CreateConsole(stderr, terminal: true);
            outcome = await console.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("starting", autoStart: true, maxValue: settings.MeasurementCount);
                    return await new MatrixRunner(launcher, new SpectreProgress(task)).RunAsync(settings, cancellationToken).ConfigureAwait(false);
                })
                .ConfigureAwait(false);
        }
        else
        {
            outcome = await new MatrixRunner(launcher, new PlainProgress(stderr)).RunAsync(settings, cancellationToken).ConfigureAwait(false);
        }

        var report = BuildReport(settings, outcome, startedAt, commit);
        var output = CreateConsole(stdout, IsTerminal(stdout, Console.Out, Console.IsOutputRedirected));
        output.Write(MatrixTable.Build(report));
        output.WriteLine(
            $"{report.Machine.Cores} cores · {report.Machine.Os} · {report.Machine.Dotnet} · commit {report.Commit?[..12] ?? "unknown"} · " +
            $"median of {settings.Rounds} round(s); ratio = median throughput / ConcurrentDictionary's median, same workload and key shape, same run" +
            (settings.Rounds == 1 ? "; one round measures no spread (--rounds 3 for that)" : ""));
        foreach (var failure in report.Failures)
        {
            await stderr.WriteLineAsync($"failed: round {failure.Round} {failure.Workload} {failure.KeyShape} {failure.Map}: {failure.Error}").ConfigureAwait(false);
        }

        if (NoiseWarning(report) is { } warning)
        {
            await stderr.WriteLineAsync(warning).ConfigureAwait(false);
        }

        if (outcome.Cancelled)
        {
            await stderr.WriteLineAsync($"stopped by Ctrl+C after {outcome.Measurements.Count} of {settings.MeasurementCount} measurements; the results above are partial.").ConfigureAwait(false);
        }

        WriteFiles(settings, report, stderr);
        return outcome.Cancelled ? ExitCodes.Cancelled : report.Failures.Count > 0 ? ExitCodes.MeasurementFailed : ExitCodes.Success;
    }

    /// <summary>Aggregates measurements, computes recommendations and assembles the report.</summary>
    public static MatrixReport BuildReport(MatrixSettings settings, MatrixRunOutcome outcome, DateTimeOffset startedAt, string? commit)
    {
        var maps = settings.Maps.Select(m => m.Name).ToList();
        var workloads = settings.Workloads.Select(w => w.Name).Distinct().ToList();
        var keyShapes = ShapedKeys.All.Where(shape => settings.Workloads.Any(w => w.KeyShape == shape)).Select(ShapedKeys.NameOf).ToList();
        var cells = workloads.SelectMany(w => keyShapes.Select(shape => (w, shape))).ToList();
        var results = ResultAggregator.Aggregate(settings.Workloads, maps, outcome.Measurements);
        return new MatrixReport
        {
            Machine = MachineInfo.Current(),
            Commit = commit,
            StartedAt = startedAt,
            Complete = !outcome.Cancelled,
            Settings = new RunSettingsInfo
            {
                Rounds = settings.Rounds,
                MeasureMs = (int)settings.Measure.TotalMilliseconds,
                WarmupMinMs = (int)settings.WarmupMin.TotalMilliseconds,
                WarmupMaxMs = (int)settings.WarmupMax.TotalMilliseconds,
                LatencySampleInterval = MeasurementLoop.SampleInterval,
                Quick = settings.Quick,
            },
            Results = results,
            Recommendations = Recommender.Recommend(results, cells, maps),
            Failures = outcome.Measurements
                .Where(m => m.Error is not null)
                .Select(m => new MeasurementFailure(m.Workload.Name, m.Workload.KeyShapeName, m.Map, m.Round + 1, m.Error!))
                .ToList(),
            Workloads = workloads,
            KeyShapes = keyShapes,
            Maps = maps,
        };
    }

    /// <summary>Above this median spread between rounds, the run warns that its ratios are noisy.</summary>
    public const double NoisySpreadPercent = 20;

    /// <summary>A warning when the rounds disagreed a lot (other load on the machine), or null.</summary>
    public static string? NoiseWarning(MatrixReport report)
    {
        var spreads = report.Results.Where(r => r.Rounds >= 2).Select(r => r.SpreadPercent).ToList();
        if (spreads.Count == 0)
        {
            return null;
        }

        double median = ResultAggregator.Median(spreads);
        return median <= NoisySpreadPercent
            ? null
            : string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"warning: noisy run: rounds differ by {median:0}% (median spread); load average {report.Machine.LoadAverage?.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"} on {report.Machine.Cores} cores. Differences below that are not results; try --rounds 5 on a quieter machine.");
    }

    private static void WriteFiles(MatrixSettings settings, MatrixReport report, TextWriter stderr)
    {
        if (settings.OutPath is { } outPath)
        {
            string text = OutputPaths.FormatOf(outPath) switch
            {
                ReportFormat.Csv => CsvReportWriter.Write(report),
                ReportFormat.Markdown => MarkdownReportWriter.Write(report),
                _ => JsonReportWriter.Write(report),
            };
            AtomicFile.WriteAllText(outPath, text);
            stderr.WriteLine($"wrote {outPath}");
        }

        if (settings.ChartPath is { } chartPath)
        {
            ChartRenderer.Write(report, chartPath);
            stderr.WriteLine($"wrote {chartPath}");
        }
    }

    private static bool IsTerminal(TextWriter writer, TextWriter console, bool redirected) => ReferenceEquals(writer, console) && !redirected;

    private static IAnsiConsole CreateConsole(TextWriter writer, bool terminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
        {
            console.Profile.Width = 220; // files and pipes: do not wrap the table at 80 columns
        }

        return console;
    }
}

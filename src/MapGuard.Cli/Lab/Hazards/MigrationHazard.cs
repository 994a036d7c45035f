using System.Diagnostics;
using System.Globalization;
using MapGuard.Cli.Lab.Maps;
using MapGuard.Cli.Lab.Migration;

namespace MapGuard.Cli.Lab.Hazards;

/// <summary>
/// <c>migration</c> and <c>migrate-to-redis</c> (a rolling upgrade): a live migration from
/// ConcurrentDictionaryMap to the route's target (LockFreeMap in process, or RedisMap on a server) under a read/write
/// load that never stops. The load first runs on the plain ConcurrentDictionaryMap; then a
/// <see cref="MigratingMap{TKey, TValue}"/> is installed and dual-writes (reads backfill), a background sweep copies
/// the keys no read has touched, and the map cuts over when the sweep is done. Every read is checked as it happens and
/// every key at the end: zero errors and zero lost keys are the promise.
/// </summary>
internal sealed class MigrationHazard(MigrationRoute route) : LabHazard
{
    /// <summary>The run's length when <c>--duration</c> is not given.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(15);

    // The sweep runs in 40 steps: few enough that the pause between steps, timed on a busy machine, cannot stretch it
    // far beyond its share of the run (each route sizes its batch to its key count).
    private readonly string[] _rowNames =
    [
        "before: ConcurrentDictionaryMap",
        "dual-write: MigratingMap",
        "draining: MigratingMap + sweep",
        $"after: cut over to {route.TargetName}",
    ];

    public override string Name => route.HazardName;

    public override string Problem => "swapping a live map can lose or resurrect keys; dual writes with backfill do not";

    public override int DefaultTrials => 1;

    public override string Summary => $"Migrate live from ConcurrentDictionaryMap to {route.TargetName} under a read/write load: throughput and p99 before, during and after; zero errors, zero lost keys.";

    private int Keys => route.Keys;

    private int SweepBatch => route.SweepBatch;

    public override LabReport Run(LabSettings settings, CancellationToken cancellationToken)
    {
        int trials = TrialsFor(settings);
        TimeSpan duration = settings.Duration ?? DefaultDuration;
        int workers = Math.Clamp(Environment.ProcessorCount, 2, 4);
        var report = NewReport(
            trials,
            string.Create(
                CultureInfo.InvariantCulture,
                $"{workers} threads run 90% reads and 10% writes (sets, removes, adds of their own keys) on the hot half of {Keys:N0} keys without pause for {duration.TotalSeconds:0.#} s per migration, while the map moves: plain ConcurrentDictionaryMap, then a MigratingMap that dual-writes and backfills, then a sweep in batches of {SweepBatch:N0} that copies the rest (the cold half, which only the sweep copies), then the cut-over to {route.TargetName} when the sweep is done."));
        var stages = new List<StageRun>();

        RunTrials(report, settings, trials, trial => stages.Add(RunMigration(report, settings, duration, workers, trial, cancellationToken)), cancellationToken);
        Summarize(report, stages);
        report.Notes.Add("Throughput counts completed calls per second of each stage (the first 5% of the run warms up and is not reported); p99 is over every 16th call or sparser (timer overhead, tens of ns, included). Draining includes the instant of the cut-over.");
        report.Notes.Add($"After the cut-over the calls still go through the MigratingMap, which forwards them to the {route.TargetName} after one phase check; a service would swap its reference to the {route.TargetName} at its next restart.");
        return report;
    }

    private StageRun RunMigration(LabReport report, LabSettings settings, TimeSpan duration, int workers, int trial, CancellationToken cancellationToken)
    {
        TextWriter progress = settings.Progress ?? TextWriter.Null;
        var clock = Stopwatch.StartNew();
        void Say(string line) => progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed.TotalSeconds,5:0.0} s] {line}"));

        var source = new ConcurrentDictionaryMap<long, long>();
        using MigrationTarget opened = route.OpenTarget(settings);
        IConcurrentMap<long, long> target = opened.Map;
        var load = new MigrationLoad(source, Keys, workers);
        var run = new StageRun();
        MigratingMap<long, long>? migrating = null;
        string? failure = null;
        load.Start();
        try
        {
            Say(string.Create(CultureInfo.InvariantCulture, $"migration {trial + 1}: {Keys:N0} keys in ConcurrentDictionaryMap, {workers} threads reading and writing; the target is {opened.Description}"));
            if (!Wait(duration * 0.05))
            {
                return run;
            }

            load.Stage = LoadStage.Before;
            if (!Wait(duration * 0.15))
            {
                return run;
            }

            var options = new MigrationOptions
            {
                CutOverOnHitRatio = false,
                CutOverWhenSweepCompletes = true,
                SweepBatchSize = SweepBatch,

                // Pace the sweep to take about a quarter of the run, as an operator would to spare the live load.
                SweepPause = duration * 0.25 / (Keys / SweepBatch),
            };
            migrating = new MigratingMap<long, long>(source, target, options);
            migrating.PhaseChanged += (_, e) =>
            {
                if (e.Current == MigrationPhase.CutOver)
                {
                    load.Stage = LoadStage.After;
                }

                MigrationStatistics s = migrating.GetStatistics();
                Say(string.Create(CultureInfo.InvariantCulture, $"phase {e.Previous} -> {e.Current} ({e.Trigger}): {s.Backfills:N0} backfills, {s.SweptKeys:N0} swept keys, target hit ratio {s.TargetHitRatio:P2}"));
            };
            TimeSpan held = load.Install(migrating, LoadStage.DualWrite);
            Say(string.Create(CultureInfo.InvariantCulture, $"phase DualWrite: MigratingMap installed (workers held {held.TotalMilliseconds:0.00} ms for the swap); writes go to both maps, reads backfill"));
            if (!Wait(duration * 0.25))
            {
                return run;
            }

            load.Stage = LoadStage.Draining;
            Task sweep = migrating.DrainAsync(cancellationToken);
            var sweepClock = Stopwatch.StartNew();
            // The sweep is paced to a quarter of the run; on a very busy machine it may take longer, so allow plenty.
            TimeSpan sweepLimit = (duration * 2) + TimeSpan.FromSeconds(30);
            if (!Wait(sweepLimit, sweep))
            {
                return run;
            }

            if (!sweep.IsCompleted)
            {
                failure = string.Create(CultureInfo.InvariantCulture, $"the sweep did not finish within {sweepClock.Elapsed.TotalSeconds:0.#} s");
                return run;
            }

            sweep.GetAwaiter().GetResult();
            TimeSpan rest = duration - clock.Elapsed;
            Wait(rest > duration * 0.2 ? rest : duration * 0.2);
            return run;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            failure = $"{ex.GetType().Name}: {ex.Message}";
            return run;
        }
        finally
        {
            if (!load.Stop(settings.TrialTimeout))
            {
                failure ??= "a load thread did not stop (hang)";
            }

            run.Record(load);
            Finish(report, run, load, migrating, target, failure, cancellationToken.IsCancellationRequested);
            Say(string.Create(CultureInfo.InvariantCulture, $"migration {trial + 1} done: {load.ErrorCount:N0} errors, {run.Lost:N0} lost keys, {run.Resurrected:N0} resurrected keys"));
        }

        // Waits, printing the throughput about once a second, until `length` has passed or `until` completed; false on Ctrl+C.
        bool Wait(TimeSpan length, Task? until = null)
        {
            var stageClock = Stopwatch.StartNew();
            TimeSpan printed = TimeSpan.Zero;
            long calls = load.Calls;
            while (stageClock.Elapsed < length && until?.IsCompleted != true)
            {
                TimeSpan step = length - stageClock.Elapsed;
                int milliseconds = (int)Math.Clamp(Math.Ceiling(step.TotalMilliseconds), 1, 100);
                if (cancellationToken.WaitHandle.WaitOne(milliseconds))
                {
                    return false;
                }

                TimeSpan since = stageClock.Elapsed - printed;
                if (since >= TimeSpan.FromSeconds(1))
                {
                    long now = load.Calls;
                    double rate = (now - calls) / since.TotalSeconds / 1e6;
                    calls = now;
                    printed = stageClock.Elapsed;
                    MigrationStatistics? s = migrating?.GetStatistics();
                    string detail = s is null ? "" : string.Create(CultureInfo.InvariantCulture, $", target hit ratio {s.TargetHitRatio:P2}, {s.Backfills:N0} backfills, {s.SweptKeys:N0} swept");
                    Say(string.Create(CultureInfo.InvariantCulture, $"{(migrating?.Phase.ToString() ?? "plain"),-10} {rate,6:0.00} M calls/s{detail}"));
                }
            }

            return true;
        }
    }

    private void Finish(LabReport report, StageRun run, MigrationLoad load, MigratingMap<long, long>? migrating, IConcurrentMap<long, long> target, string? failure, bool cancelled)
    {
        if (migrating is not null && !cancelled && failure is null)
        {
            (run.Lost, run.Resurrected, string? example) = load.Verify(migrating, migrating.Phase == MigrationPhase.CutOver ? target : null);
            if (example is not null)
            {
                report.Unexpected.Add("after the migration: " + example);
            }

            if (migrating.Phase != MigrationPhase.CutOver)
            {
                failure = $"the migration ended in {migrating.Phase}, not CutOver";
            }
        }

        run.Statistics = migrating?.GetStatistics();
        foreach (string error in load.Errors)
        {
            report.Unexpected.Add("during the migration: " + error);
        }

        if (failure is not null && !cancelled)
        {
            report.Unexpected.Add(failure);
        }

        for (int stage = 0; stage < _rowNames.Length; stage++)
        {
            LabRow row = report.Row(_rowNames[stage], LabSubjectKind.Map);
            bool last = stage == _rowNames.Length - 1;
            row.Add(failure is not null || load.ErrorCount > 0 || (last && run.Lost + run.Resurrected > 0)
                ? new TrialOutcome { Label = TrialOutcome.CorruptLabel, Message = failure ?? load.Errors.FirstOrDefault() ?? "lost keys", Lost = last ? run.Lost + run.Resurrected : 0 }
                : TrialOutcome.Correct);
        }
    }

    private void Summarize(LabReport report, List<StageRun> runs)
    {
        if (runs.Count == 0)
        {
            return;
        }

        var rates = new double[_rowNames.Length];
        for (int stage = 0; stage < _rowNames.Length; stage++)
        {
            double seconds = runs.Sum(r => r.Seconds[stage]);
            long calls = runs.Sum(r => r.Calls[stage]);
            rates[stage] = seconds > 0 ? calls / seconds / 1e6 : double.NaN;
            LabRow row = report.Row(_rowNames[stage], LabSubjectKind.Map);
            row.Metrics = new SortedDictionary<string, double>(StringComparer.Ordinal)
            {
                ["M calls/s"] = Math.Round(rates[stage], rates[stage] >= 1 ? 2 : 4), // a RedisMap stage runs at thousands a second
                ["p50 us"] = Math.Round(LatencySamples.Microseconds(runs.SelectMany(r => r.Samples[stage]), 50), 2),
                ["p99 us"] = Math.Round(LatencySamples.Microseconds(runs.SelectMany(r => r.Samples[stage]), 99), 2),
                ["seconds"] = Math.Round(seconds, 1),
            };
        }

        MigrationStatistics? stats = runs[^1].Statistics;
        long errors = runs.Sum(r => r.Errors);
        long lost = runs.Sum(r => r.Lost);
        long resurrected = runs.Sum(r => r.Resurrected);
        report.Findings.Add(string.Create(
            CultureInfo.InvariantCulture,
            $"Throughput: {Rate(rates[0])} before, {Rate(rates[1])} while dual-writing ({Ratio(rates[1], rates[0])} of before), {Rate(rates[2])} while draining, {Rate(rates[3])} after the cut-over ({Ratio(rates[3], rates[0])} of before)."));
        if (stats is not null)
        {
            report.Findings.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"Last migration: {stats.Backfills:N0} keys copied by reads (backfills), {stats.SweptKeys:N0} by the sweep, {stats.FallbackReads:N0} reads fell back to the source map, target hit ratio {stats.TargetHitRatio:P2}; ended in {stats.Phase}."));
        }

        report.Findings.Add(string.Create(
            CultureInfo.InvariantCulture,
            $"{errors:N0} errors during the load (every read checked), {lost:N0} lost keys and {resurrected:N0} resurrected keys in the final check of all {Keys:N0} keys, in the map and in the {route.TargetName} alone."));
    }

    private static string Ratio(double part, double whole) =>
        double.IsFinite(part) && double.IsFinite(whole) && whole > 0
            ? (part / whole).ToString(part / whole >= 0.1 ? "P0" : "P2", CultureInfo.InvariantCulture)
            : "n/a";

    /// <summary>A rate in millions of calls a second, shown in thousands when below a million (a server round trip each).</summary>
    private static string Rate(double millions) =>
        !double.IsFinite(millions) ? "n/a"
            : millions >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{millions:0.00} M calls/s")
            : string.Create(CultureInfo.InvariantCulture, $"{millions * 1_000:0.#} k calls/s");

    /// <summary>One migration's per-stage numbers.</summary>
    private sealed class StageRun
    {
        public double[] Seconds { get; } = new double[4];

        public long[] Calls { get; } = new long[4];

        public List<LatencySamples>[] Samples { get; } = [[], [], [], []];

        public long Errors { get; private set; }

        public long Lost { get; set; }

        public long Resurrected { get; set; }

        public MigrationStatistics? Statistics { get; set; }

        public void Record(MigrationLoad load)
        {
            for (int stage = 0; stage < 4; stage++)
            {
                Calls[stage] = load.CallsIn((LoadStage)stage);
                Seconds[stage] = load.SecondsIn((LoadStage)stage);
                Samples[stage].AddRange(load.SamplesOf((LoadStage)stage));
            }

            Errors = load.ErrorCount;
        }
    }
}

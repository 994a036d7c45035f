using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using MapGuard.Cli.Lab.GcResize;
using MapGuard.Cli.Lab.Maps;
using MapGuard.Cli.Lab.Running;

namespace MapGuard.Cli.Lab.Hazards;

/// <summary>
/// <c>gc-resize</c>: how garbage collection and table growth show up in write latency. One
/// thread fills a map with a million keys while another thread forces a gen0 GC every few milliseconds. Each write
/// is timed and classified: interrupted by a GC (the collection count changed across it), inside a resize, or
/// neither. The GC pauses themselves are read in-process from the runtime's GCSuspendEEBegin and GCRestartEEEnd
/// events. ConcurrentDictionary grows its whole table inside one write; LockFreeMap spreads a resize over many
/// writes, each copying at most one chunk.
/// </summary>
internal sealed class GcResizeHazard : LabHazard
{
    /// <summary>Keys each fill inserts: 20 doublings from an empty map.</summary>
    public const int Keys = 1 << 20;

    /// <summary>How often the background thread forces a gen0 collection.</summary>
    public static readonly TimeSpan GcInterval = TimeSpan.FromMilliseconds(10);

    private const string ConcurrentDictionaryName = "ConcurrentDictionary";
    private const string LockFreeMapName = "LockFreeMap";

    public override string Name => "gc-resize";

    public override string Problem => "GC pauses and table growth stall writes";

    public override int DefaultTrials => 3;

    public override string Summary => "Write latency during GC pauses and during resizes: ConcurrentDictionary's whole-table grow vs LockFreeMap's incremental resize.";

    public override LabReport Run(LabSettings settings, CancellationToken cancellationToken)
    {
        int trials = TrialsFor(settings);
        var report = NewReport(
            trials,
            string.Create(
                CultureInfo.InvariantCulture,
                $"One thread inserts {Keys:N0} keys into an empty map, timing every write, while another forces a gen0 GC every {GcInterval.TotalMilliseconds:0} ms; {trials} fills per map. A write is 'in GC' if a collection ran during it, 'in resize' if it grew the table or ran while a resize was in progress; pauses (GCSuspendEEBegin to GCRestartEEEnd) come from an in-process EventListener."));

        using var listener = new GcPauseListener();
        var subjects = new (string Name, Func<object> Create, Action<object, long> Set, Func<object, int> Count, ResizeProbe? Probe)[]
        {
            (ConcurrentDictionaryName, () => new ConcurrentDictionary<long, long>(), static (m, k) => ((ConcurrentDictionary<long, long>)m)[k] = k, static m => ((ConcurrentDictionary<long, long>)m).Count, ResizeProbe.ForConcurrentDictionary()),
            (LockFreeMapName, () => new LockFreeMap<long, long>(), static (m, k) => ((LockFreeMap<long, long>)m)[k] = k, static m => ((LockFreeMap<long, long>)m).Count, ResizeProbe.ForLockFreeMap()),
        };
        var samples = subjects.ToDictionary(s => s.Name, _ => new List<WriteSamples>());

        RunTrials(
            report,
            settings,
            trials,
            _ =>
            {
                foreach (var subject in subjects)
                {
                    LabRow row = report.Row(subject.Name, LabSubjectKind.Map);
                    WriteSamples? fill = null;
                    object map = subject.Create();
                    Exception? error = Watchdog.Run(() => fill = Fill(map, subject.Set, subject.Probe), settings.TrialTimeout + TimeSpan.FromSeconds(10), "lab-gc-resize");
                    row.Add(error switch
                    {
                        TimeoutException => TrialOutcome.Hang(settings.TrialTimeout + TimeSpan.FromSeconds(10)),
                        not null => TrialOutcome.FromException(error, 0),
                        _ when subject.Count(map) != Keys => new TrialOutcome { Label = TrialOutcome.CorruptLabel, Message = "the map does not hold every key written" },
                        _ => TrialOutcome.Correct,
                    });
                    if (fill is not null)
                    {
                        samples[subject.Name].Add(fill);
                    }
                }
            },
            cancellationToken);

        // Pause events arrive in batches after the fact: force one more pause and wait until it is seen.
        DateTime drainFrom = DateTime.UtcNow;
        GC.Collect(0, GCCollectionMode.Forced, blocking: true);
        listener.Drain(drainFrom, TimeSpan.FromSeconds(3));

        foreach (var subject in subjects)
        {
            Summarize(report, report.Row(subject.Name, LabSubjectKind.Map), samples[subject.Name], listener, subject.Probe);
        }

        report.Notes.Add("A write interrupted by a GC counts as 'in GC' even when it also resized. GC pauses are attributed to the fill that was running when they began.");
        report.Notes.Add("Resizes are read from each map's private table fields (the maps do not publish resize events yet; mapguard.map.resizes is planned). Latencies include timer overhead (tens of ns) and, on a busy machine, time the writer was descheduled.");
        return report;
    }

    private static WriteSamples Fill(object map, Action<object, long> set, ResizeProbe? probe)
    {
        var samples = new WriteSamples(Keys) { Started = DateTime.UtcNow };
        using var stop = new ManualResetEventSlim();
        var collector = new Thread(() =>
        {
            while (!stop.Wait(GcInterval))
            {
                GC.Collect(0, GCCollectionMode.Forced, blocking: true);
            }
        })
        {
            IsBackground = true,
            Name = "lab-gc",
        };
        collector.Start();
        try
        {
            int capacity = probe?.Capacity(map) ?? 0;
            for (int i = 0; i < Keys; i++)
            {
                bool resizingBefore = probe?.Resizing(map) ?? false;
                int collections = GC.CollectionCount(0);
                long start = Stopwatch.GetTimestamp();
                set(map, i);
                long end = Stopwatch.GetTimestamp();
                samples.Durations[i] = end - start;
                samples.InGc[i] = GC.CollectionCount(0) != collections;
                if (probe is not null)
                {
                    int now = probe.Capacity(map);
                    samples.InResize[i] = now != capacity || resizingBefore || probe.Resizing(map);
                    if (now != capacity)
                    {
                        samples.Resizes++;
                        capacity = now;
                    }
                }
            }
        }
        finally
        {
            stop.Set();
            collector.Join();
        }

        samples.Ended = DateTime.UtcNow;
        return samples;
    }

    private static void Summarize(LabReport report, LabRow row, List<WriteSamples> fills, GcPauseListener listener, ResizeProbe? probe)
    {
        var inGc = new List<long>();
        var inResize = new List<long>();
        var outside = new List<long>();
        var pauses = new List<long>();
        foreach (WriteSamples fill in fills)
        {
            fill.Classify(inGc, inResize, outside);
            pauses.AddRange(listener.PausesBetween(fill.Started, fill.Ended).Select(p => (long)(p.TotalSeconds * Stopwatch.Frequency)));
        }

        int resizes = fills.Count == 0 ? 0 : fills.Sum(f => f.Resizes) / fills.Count;
        row.Metrics = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["p99 us outside"] = WriteSamples.Microseconds(outside, 99),
            ["p99 us in GC"] = WriteSamples.Microseconds(inGc, 99),
            ["p99 us in resize"] = WriteSamples.Microseconds(inResize, 99),
            ["max us in resize"] = WriteSamples.Microseconds(inResize, 100),
            ["writes in GC"] = inGc.Count,
            ["writes in resize"] = inResize.Count,
            ["resizes per fill"] = resizes,
            ["GC pauses"] = pauses.Count,
            ["median pause us"] = WriteSamples.Microseconds(pauses, 50),
            ["max pause us"] = WriteSamples.Microseconds(pauses, 100),
        };

        string resizeText = probe is null
            ? "its resizes could not be observed on this runtime"
            : probe.IsIncremental
                ? string.Create(CultureInfo.InvariantCulture, $"each of its {resizes} resizes per fill is spread over many writes ({inResize.Count / Math.Max(1, fills.Count):N0} writes per fill ran during one): p99 {row.Metrics["p99 us in resize"]:0.#} us, max {row.Metrics["max us in resize"]:0.#} us")
                : string.Create(CultureInfo.InvariantCulture, $"each of its {resizes} grows per fill copies the whole table inside one write: p99 {row.Metrics["p99 us in resize"]:0.#} us, max {row.Metrics["max us in resize"]:0.#} us for those writes");
        report.Findings.Add(string.Create(
            CultureInfo.InvariantCulture,
            $"{row.Subject}: p99 write {row.Metrics["p99 us outside"]:0.##} us outside GC and resizes, {row.Metrics["p99 us in GC"]:0.#} us for the {inGc.Count:N0} writes a GC interrupted ({pauses.Count} pauses while it filled, median {row.Metrics["median pause us"]:0} us, longest {row.Metrics["max pause us"]:0} us); {resizeText}."));
        if (row.Failed > 0)
        {
            report.Unexpected.Add(string.Create(CultureInfo.InvariantCulture, $"{row.Subject}: {row.Failed} of {row.Trials} fills went wrong ({WriteRaceRows.Describe(row)})."));
        }
    }
}

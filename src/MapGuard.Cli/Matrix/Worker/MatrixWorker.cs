using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime;
using MapGuard.Cli.Matrix.Maps;
using MapGuard.Cli.Matrix.Workloads;

namespace MapGuard.Cli.Matrix.Worker;

/// <summary>
/// Measures one map on one workload inside the current process. The parent runs it in a fresh child process per
/// measurement (the hidden <c>worker</c> command), so this process only ever sees one map type.
/// </summary>
internal static class MatrixWorker
{
    /// <summary>The most latency samples kept over all threads (8 bytes each).</summary>
    private const int MaxTotalSamples = 1 << 21;

    /// <summary>Runs <paramref name="spec"/>: build keys and streams, measure bytes per entry, warm up, measure.</summary>
    /// <param name="spec">What to measure.</param>
    /// <param name="catalog">Where to look the map up; <see cref="MapCatalog.All"/> unless a test supplies its own maps.</param>
    /// <exception cref="UsageException">The map name is unknown.</exception>
    /// <exception cref="InvalidOperationException">The map misbehaved (a pre-filled key was missing or refused).</exception>
    public static MeasurementResult Run(MeasurementSpec spec, IReadOnlyList<MapDescriptor>? catalog = null)
    {
        var map = (catalog ?? MapCatalog.All).FirstOrDefault(m => string.Equals(m.Name, spec.Map, StringComparison.OrdinalIgnoreCase))
            ?? throw new UsageException($"worker: unknown map '{spec.Map}'; available maps: {MapCatalog.AvailableNames}");
        WorkloadLimits.Validate(spec.Workload, "worker");

        return spec.Workload.KeyShape switch
        {
            KeyShape.Seq => MeasureValueKeys(spec, map, KeySet<long>.CreateSequential(spec.Workload.Keys)),
            KeyShape.Random => MeasureValueKeys(spec, map, KeySet<long>.CreateRandom(spec.Workload.Keys)),
            KeyShape.String => MeasureStringKeys(spec, map, KeySet<string>.CreateShortString(spec.Workload.Keys)),
            KeyShape.Url => MeasureStringKeys(spec, map, KeySet<string>.CreateUrl(spec.Workload.Keys)),
            KeyShape.Guid => MeasureValueKeys(spec, map, KeySet<Guid>.CreateGuid(spec.Workload.Keys)),
            _ => throw new UsageException($"worker: unknown key shape '{spec.Workload.KeyShape}'"),
        };
    }

    private static MeasurementResult MeasureValueKeys<TKey>(MeasurementSpec spec, MapDescriptor map, KeySet<TKey> keys)
        where TKey : struct =>
        map.IsReference
            ? Measure(spec, keys, () => new ReferenceOperations<TKey>(new ConcurrentDictionary<TKey, long>()))
            : Measure(spec, keys, () => new ContractOperations<TKey>(map.CreateMap<TKey>()));

    private static MeasurementResult MeasureStringKeys(MeasurementSpec spec, MapDescriptor map, KeySet<string> keys) =>
        map.IsReference
            ? Measure(spec, keys, () => new ReferenceStringOperations(new ConcurrentDictionary<string, long>()))
            : Measure(spec, keys, () => new ContractStringOperations(map.CreateMap<string>()));

    // One blocking, compacting full collection, then the heap size: every map is measured (and then runs) compacted.
    // One is enough: nothing here has a finalizer that would free more on a second pass.
    private static long HeapAfterFullCollection()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }

    private static bool TryStartNoGcRegion(int keys)
    {
        try
        {
            // Generous: a node-based map with resizes allocates a few hundred bytes per key in all.
            return GC.TryStartNoGCRegion(Math.Clamp(keys * 256L, 16L << 20, 1L << 30));
        }
        catch (ArgumentOutOfRangeException)
        {
            return false; // larger than the runtime allows: fill with GCs as usual
        }
    }

    private static void EndNoGcRegion(bool started)
    {
        if (started && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
        {
            GC.EndNoGCRegion();
        }
    }

    private static MeasurementResult Measure<TOps, TKey>(MeasurementSpec spec, KeySet<TKey> keys, Func<TOps> createMap)
        where TOps : struct, IMapOperations<TKey>
    {
        var workload = spec.Workload;
        var trace = Stopwatch.StartNew();
        void Trace(string what)
        {
            if (Environment.GetEnvironmentVariable("MAPGUARD_TRACE") == "1")
            {
                Console.Error.WriteLine($"{trace.Elapsed.TotalMilliseconds,8:0.0} ms {what}");
            }
        }

        // 1. Everything the loop touches, before any baseline: streams, sample buffers, thread states.
        ZipfGenerator? zipf = null;
        int[]? rankToKey = null;
        if (workload.Distribution == KeyDistribution.Zipf)
        {
            zipf = new ZipfGenerator(workload.Keys, Workload.ZipfExponent);
            rankToKey = OperationStream.Permutation(workload.Keys, 0x5EED);
        }

        int samplesPerThread = Math.Max(4_096, MaxTotalSamples / workload.Threads);
        int streamLength = OperationStream.LengthFor(workload.Threads, workload.KeyShape);
        var states = new ThreadState<TKey>[workload.Threads];
        Parallel.For(0, states.Length, t =>
        {
            ulong seed = ((ulong)(uint)spec.Round << 32) | (uint)t;
            var stream = OperationStream.Create(workload, streamLength, seed, zipf, rankToKey, keys.LookupKey);
            states[t] = new ThreadState<TKey>(stream, samplesPerThread);
        });

        Trace("streams");
        long overheadTicks = TimerCalibration.MeasureOverheadTicks();
        Trace("calibrated");

        // 2. Bytes per entry: heap growth from creating and filling the map, keys already allocated. The fill is not
        // timed; a no-GC region (when the runtime grants one) spares it from promoting every new entry through the
        // generations, which would otherwise be most of a short run's wall time.
        long heapBefore = HeapAfterFullCollection();
        Trace("baseline");
        bool noGcRegion = TryStartNoGcRegion(workload.Keys);
        var operations = createMap();
        var stored = keys.Stored;
        for (int i = 0; i < stored.Length; i++)
        {
            if (!operations.TryAdd(stored[i], i))
            {
                throw new InvalidOperationException($"{spec.Map} refused to add key #{i} during pre-fill: the key is already present.");
            }
        }

        EndNoGcRegion(noGcRegion);
        Trace($"filled (no-GC region: {noGcRegion}, GCs so far: {GC.CollectionCount(0)})");
        long heapAfter = HeapAfterFullCollection();
        Trace("heap measured");
        double bytesPerEntry = Math.Max(0, heapAfter - heapBefore) / (double)workload.Keys;

        // 3. Warm-up until tier-1 code with PGO is in place, then the measurement.
        var warmup = PhaseRunner.WarmUp(operations, states, TimeSpan.FromMilliseconds(spec.WarmupMinMs), TimeSpan.FromMilliseconds(spec.WarmupMaxMs));
        Trace("warmed up");
        var measured = PhaseRunner.RunFor(operations, states, TimeSpan.FromMilliseconds(spec.MeasureMs));

        long misses = states.Sum(s => s.Misses);
        if (misses > 0)
        {
            throw new InvalidOperationException($"{spec.Map} missed {misses} reads of keys it holds: the map is broken.");
        }

        var latency = LatencySummary.FromSamples(states, overheadTicks);
        Trace("done");
        GC.KeepAlive(operations);
        return new MeasurementResult
        {
            OpsPerSecond = measured.OpsPerSecond,
            Operations = measured.Operations,
            MeasuredMs = measured.WallMilliseconds,
            WarmupMs = warmup.WallMilliseconds,
            WarmupJitQuiet = warmup.JitQuiet,
            P50Ns = latency.P50Ns,
            P99Ns = latency.P99Ns,
            P999Ns = latency.P999Ns,
            LatencySamples = latency.Samples,
            TimerOverheadNs = overheadTicks * 1e9 / Stopwatch.Frequency,
            AllocatedBytesPerOp = measured.Operations == 0 ? 0 : measured.AllocatedBytes / (double)measured.Operations,
            GcCount = measured.GcCount,
            GcPauseMs = measured.GcPauseMilliseconds,
            BytesPerEntry = bytesPerEntry,
        };
    }
}

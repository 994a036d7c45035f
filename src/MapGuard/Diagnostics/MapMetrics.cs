using System.Diagnostics;
using System.Runtime.CompilerServices;
using MapGuard.Internal;

namespace MapGuard.Diagnostics;

/// <summary>
/// The counters behind one metered map's instruments: operations by op and result, evictions by reason, resizes.
/// Observable instruments in <see cref="MapGuardMeter"/> read them when a listener collects.
/// </summary>
internal sealed class MapMetrics
{
    /*
     * Concurrency: each thread adds to its own stripe, picked by ThreadStripe (its stack address), with a plain read
     *   and write: no lock prefix and no thread-local lookup on the hot path. RACE(benign): two threads that share a
     *   stripe (see ThreadStripe) can lose an increment when they count the same cell at the same instant; the counts
     *   are for monitoring, and single-threaded sequences are exact.
     *   Sum reads every stripe without a lock, as StripedCounter does.
     * Memory ordering: none needed; a collection may miss increments still in a core's store buffer.
     * References: striped counters as in java.util.concurrent's LongAdder and BitFaster.Caching's telemetry.
     */

    private const int Operations = 5 * 4;           // MapOperation x MapOutcome
    private const int EvictionReasons = 4;          // EvictionReason
    private const int Slots = 32;                   // per stripe: 20 operations, 4 evictions, 8 spare (256 bytes)
    private const int Stripes = 64;

    private static readonly ConditionalWeakTable<object, MapMetrics> s_byMap = new();

    private readonly long[] _cells = new long[(Stripes + 1) * Slots]; // one spare stripe keeps the last off a shared line
    private long _resizes;

    public MapMetrics(string name, Func<int> entries)
    {
        // MapGuardMeter creates the meter and its instruments in static field initializers, which run only when one
        // of its fields is first read. Read one now, so a listener (an OpenTelemetry exporter, dotnet-counters) sees
        // the instruments of a metered map even if nothing else in the process has touched the meter yet.
        GC.KeepAlive(MapGuardMeter.Meter);
        Name = name;
        Entries = entries;
    }

    /// <summary>The <c>map</c> tag.</summary>
    public string Name { get; }

    /// <summary>Reads the map's current count, for the entries gauge.</summary>
    public Func<int> Entries { get; }

    /// <summary>Every live metered map's metrics (a map's entry goes when the map is collected).</summary>
    public static IEnumerable<MapMetrics> All
    {
        get
        {
            var seen = new HashSet<MapMetrics>(ReferenceEqualityComparer.Instance);
            foreach (KeyValuePair<object, MapMetrics> pair in s_byMap)
            {
                if (seen.Add(pair.Value))
                {
                    yield return pair.Value;
                }
            }
        }
    }

    public long ResizeCount => Interlocked.Read(ref _resizes);

    /// <summary>Makes <paramref name="map"/> report into <paramref name="metrics"/> (its resizes, lock waits, evictions).</summary>
    public static void Attach(object map, MapMetrics metrics) => s_byMap.AddOrUpdate(map, metrics);

    /// <summary>The metrics <paramref name="map"/> reports into, or null when it is not metered.</summary>
    public static MapMetrics? Of(object map) => s_byMap.TryGetValue(map, out MapMetrics? metrics) ? metrics : null;

    /// <summary>Counts one operation. Lock-free; no allocation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Count(MapOperation operation, MapOutcome outcome)
    {
        ref long cell = ref _cells[((ThreadStripe.Current & (Stripes - 1)) * Slots) + ((int)operation * 4) + (int)outcome];
        cell++; // RACE(benign): see the header
    }

    /// <summary>Counts one entry leaving for <paramref name="reason"/>.</summary>
    public void CountEviction(EvictionReason reason) =>
        Interlocked.Increment(ref _cells[((ThreadStripe.Current & (Stripes - 1)) * Slots) + Operations + (int)reason]);

    /// <summary>The sum over stripes of one operation counter.</summary>
    public long Sum(MapOperation operation, MapOutcome outcome) => SumSlot(((int)operation * 4) + (int)outcome);

    /// <summary>The sum over stripes of one eviction counter.</summary>
    public long Evictions(EvictionReason reason) => SumSlot(Operations + (int)reason);

    /// <summary>A resize of a map attached to these metrics finished after <paramref name="elapsed"/>.</summary>
    public static void RecordResize(object map, TimeSpan elapsed)
    {
        if (Of(map) is { } metrics)
        {
            Interlocked.Increment(ref metrics._resizes);
            MapGuardMeter.ResizeDurationHistogram.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>(MapGuardMeter.MapTag, metrics.Name));
        }
    }

    /// <summary>A thread waited <paramref name="elapsed"/> for a lock of <paramref name="map"/> (contended path only).</summary>
    public static void RecordLockWait(object map, TimeSpan elapsed)
    {
        if (Of(map) is { } metrics)
        {
            MapGuardMeter.LockWaitHistogram.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>(MapGuardMeter.MapTag, metrics.Name));
        }
    }

    private long SumSlot(int slot)
    {
        Debug.Assert(slot < Slots, "slot outside a stripe");
        long sum = 0;
        for (int stripe = 0; stripe < Stripes; stripe++)
        {
            sum += Volatile.Read(ref _cells[(stripe * Slots) + slot]);
        }

        return sum;
    }
}

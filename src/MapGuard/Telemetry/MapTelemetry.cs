using System.Diagnostics;
using System.Runtime.CompilerServices;
using MapGuard.Internal;

namespace MapGuard.Telemetry;

/// <summary>
/// The counters of one metered map: its operations (<see cref="MapCount"/>), evictions and resizes. The builder creates
/// it and passes it to the map's constructor; the map counts into it inline, in its own methods, and reports its rare
/// timed events (resizes, contended lock waits) through it. A map built without metrics holds null instead.
/// </summary>
/// <remarks>
/// Every instance joins <see cref="Live"/> when created, so the observable instruments of the <c>MapGuard</c> meter can
/// read it when a listener collects; it leaves when its map (which holds it) is collected.
/// </remarks>
internal sealed class MapTelemetry
{
    /*
     * Concurrency: each thread counts into its own stripe, picked by ThreadStripe (its stack address, no thread-local
     *   read), with a plain read and write: no lock prefix on the hot path. RACE(benign): two threads that share a
     *   stripe (see ThreadStripe) can lose an increment when they count the same cell at the same instant; the counts
     *   are for monitoring, and single-threaded sequences are exact. Sum reads every stripe without a lock, as
     *   StripedCounter does. Evictions and resizes are rare and counted with Interlocked.
     * Memory ordering: none needed on the hot path; a collection may miss increments still in a core's store buffer.
     * References: striped counters as in java.util.concurrent's LongAdder; the telemetry object handed to the map
     *   rather than looked up, as BitFaster.Caching's TTelemetry policy.
     */

    private const int Slots = 32;        // per stripe: 11 operation cells, 4 evictions from EvictionBase, spare (256 bytes)
    private const int EvictionBase = 16; // the eviction cells, by EvictionReason's value
    private const int Stripes = 64;      // a power of two, well above the cores of the machines MapGuard runs on
    private const int StripeShift = 8;   // log2 of a stripe's bytes: Slots longs
    private const nuint StripeMask = (Stripes - 1) << StripeShift; // the stripe's byte offset, from ThreadStripe.Folded

    private Cells _cells; // inline, so a count is one load of the map's field and one increment
    private readonly IMapEventSink? _sink;
    private readonly long[] _reported = new long[Slots]; // GUARDED BY: itself. The largest sum Monotonic returned, per cell.
    private long _resizes;

    /// <param name="name">The <c>map</c> tag.</param>
    /// <param name="sink">Where resize durations and lock waits are recorded; null to only count them.</param>
    public MapTelemetry(string name, IMapEventSink? sink)
    {
        Name = name;
        _sink = sink;
        Live.Add(this);
    }

    /// <summary>Gets every live telemetry object, for the observable instruments.</summary>
    public static LiveSet<MapTelemetry> Live { get; } = new();

    /// <summary>Gets the <c>map</c> tag.</summary>
    public string Name { get; }

    /// <summary>Gets or sets what reads the map's current count, for the entries gauge; set once by the builder.</summary>
    /// <remarks>RACE(benign): the builder sets it after the object joined <see cref="Live"/>, with a plain store; a
    /// collection on another thread that reads null (or a stale null) skips the map's gauge that once.</remarks>
    public Func<int>? Entries { get; set; }

    /// <summary>Gets the number of completed resizes.</summary>
    public long ResizeCount => Interlocked.Read(ref _resizes);

    /// <summary>Counts one <paramref name="count"/>. Lock-free; no allocation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Count(MapCount count) => CallerCell(count)++; // RACE(benign): see the header

    /// <summary>Gets the cell of <paramref name="count"/> in the calling thread's stripe.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref long CallerCell(MapCount count)
    {
        // INVARIANT: the offset is masked below Stripes stripes of Slots longs and count is below Slots, so the cell
        // lies inside _cells; that lets the hot path skip the bounds check.
        nuint offset = (ThreadStripe.Folded >> (ThreadStripe.GranuleShift - StripeShift)) & StripeMask;
        Debug.Assert((int)count < Slots, "cell outside the stripe");
        return ref Unsafe.Add(ref Unsafe.AddByteOffset(ref _cells[0], offset), (int)count);
    }

    /// <summary>Counts one entry leaving for <paramref name="reason"/> (an <c>EvictionReason</c> value).</summary>
    public void CountEviction(int reason)
    {
        Debug.Assert(reason is >= 0 and < Slots - EvictionBase, "eviction reason outside the stripe");
        Interlocked.Increment(ref Unsafe.Add(ref CallerCell(MapCount.GetHit), EvictionBase + reason));
    }

    /// <summary>The sum over stripes of one operation cell.</summary>
    public long Sum(MapCount count) => SumSlot((int)count);

    /// <summary>
    /// The sum over stripes of one operation cell, or the largest sum this method has returned for it if that is
    /// larger: a lost increment (see the header) cannot make the count go down.
    /// </summary>
    public long Monotonic(MapCount count)
    {
        long sum = Sum(count);
        lock (_reported)
        {
            ref long reported = ref _reported[(int)count];
            reported = Math.Max(reported, sum);
            return reported;
        }
    }

    /// <summary>The sum over stripes of one eviction cell.</summary>
    public long Evictions(int reason) => SumSlot(EvictionBase + reason);

    /// <summary>A resize of the map finished after <paramref name="elapsed"/>.</summary>
    public void RecordResize(TimeSpan elapsed)
    {
        Interlocked.Increment(ref _resizes);
        _sink?.ResizeFinished(this, elapsed);
    }

    /// <summary>A thread waited <paramref name="elapsed"/> for a contended lock of the map.</summary>
    public void RecordLockWait(TimeSpan elapsed) => _sink?.LockWaited(this, elapsed);

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

    /// <summary>The counters, <see cref="Stripes"/> stripes of <see cref="Slots"/> and one spare stripe that keeps
    /// the last off a line shared with whatever follows.</summary>
    [InlineArray((Stripes + 1) * Slots)]
    private struct Cells
    {
        private long _first;
    }
}

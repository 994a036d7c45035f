namespace MapGuard.Cli.Lab.Running;

/// <summary>
/// Evidence that two workers really ran at the same time: after each write a worker publishes its progress and
/// looks at the other's. Each change it sees is one interleaving. Two workers that ran one after the other (a busy
/// pool, one core) see none, and their trial is reported as "no overlap" instead of as a success or a miss.
/// </summary>
internal sealed class OverlapProbe
{
    /// <summary>Interleavings each of the first two workers must see: as in <see cref="WriteRace.Interleavings"/>.</summary>
    public const int Required = WriteRace.Interleavings;

    // Each worker's counters sit on their own cache lines (16 longs = 128 bytes apart).
    private const int Stride = 16;

    private readonly long[] _progress = new long[2 * Stride];
    private readonly long[] _interleavings = new long[2 * Stride];
    private int _workers;

    /// <summary>Gets whether the first two workers each saw the other write at least <see cref="Required"/> times.</summary>
    public bool Overlapped =>
        Volatile.Read(ref _interleavings[0]) >= Required && Volatile.Read(ref _interleavings[Stride]) >= Required;

    /// <summary>Registers a worker; only the first two are tracked.</summary>
    public Cursor Join() => new(Interlocked.Increment(ref _workers) - 1);

    /// <summary>Records one write of the worker holding <paramref name="cursor"/>.</summary>
    public void Step(Cursor cursor)
    {
        if (cursor.Slot > 1)
        {
            return;
        }

        ref long mine = ref _progress[cursor.Slot * Stride];
        Volatile.Write(ref mine, mine + 1);
        long other = Volatile.Read(ref _progress[(1 - cursor.Slot) * Stride]);
        if (other != cursor.Seen)
        {
            cursor.Seen = other;
            Volatile.Write(ref _interleavings[cursor.Slot * Stride], _interleavings[cursor.Slot * Stride] + 1);
        }
    }

    /// <summary>One worker's place in the probe.</summary>
    internal sealed class Cursor(int slot)
    {
        public int Slot { get; } = slot;

        public long Seen { get; set; }
    }
}

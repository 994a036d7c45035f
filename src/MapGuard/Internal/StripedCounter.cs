using System.Runtime.InteropServices;
using MapGuard.Telemetry;

namespace MapGuard.Internal;

/// <summary>
/// A counter split over cache-line-padded cells, so threads that add at the same time rarely touch the same line.
/// <see cref="Sum"/> reads every cell without a lock, one after another: exact when no add is in flight. Otherwise it is
/// the sum before the concurrent adds plus some subset of them, because it may see an add to a cell it reads late and
/// miss an earlier add to a cell it read early. With adds of one sign that lies between the sums before and after them;
/// with both signs (an insert and a remove) it can fall outside both, by at most the adds of one sign in flight.
/// </summary>
internal sealed class StripedCounter
{
    private readonly PaddedLong[] _cells;

    public StripedCounter()
    {
        // One cell per core, rounded to a power of two so a mask picks it; more cells would only add summing cost.
        _cells = new PaddedLong[HashHelpers.RoundUpToPowerOf2(Environment.ProcessorCount)];
    }

    public void Add(long delta)
    {
        // RACE(benign): two threads may share a cell; Interlocked keeps the cell exact, the stripe only spreads load.
        int cell = ThreadStripe.Current & (_cells.Length - 1);
        Interlocked.Add(ref _cells[cell].Value, delta);
    }

    public long Sum()
    {
        long sum = 0;
        for (int i = 0; i < _cells.Length; i++)
        {
            sum += Volatile.Read(ref _cells[i].Value);
        }

        return sum;
    }

    /// <summary>A long alone on its cache line (64 bytes before it, 56 after), so neighbouring cells never share one.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    internal struct PaddedLong
    {
        [FieldOffset(64)]
        public long Value;
    }
}

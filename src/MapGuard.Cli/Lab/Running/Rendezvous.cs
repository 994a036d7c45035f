using System.Diagnostics;

namespace MapGuard.Cli.Lab.Running;

/// <summary>
/// Lets the first <c>parties</c> workers of a pool-based demonstration (Parallel.For, Task.Run) start writing
/// together, waiting at most <see cref="MaxWait"/>: a busy pool may hand out one thread at a time, and then there
/// is no race to show (<see cref="OverlapProbe"/> tells whether there was one).
/// </summary>
internal sealed class Rendezvous(int parties)
{
    /// <summary>How long an early worker waits for the others.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromMilliseconds(200);

    private int _arrived;

    /// <summary>Registers the calling worker and spins until every party has arrived or the wait is over.</summary>
    public void Arrive()
    {
        Interlocked.Increment(ref _arrived);
        long start = Stopwatch.GetTimestamp();
        while (Volatile.Read(ref _arrived) < parties && Stopwatch.GetElapsedTime(start) < MaxWait)
        {
            Thread.SpinWait(20);
        }
    }
}

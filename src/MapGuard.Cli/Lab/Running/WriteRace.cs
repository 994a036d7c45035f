using MapGuard.Cli.Lab.Maps;

namespace MapGuard.Cli.Lab.Running;

/// <summary>
/// The basic race: two threads write distinct keys into one map. Each thread inserts its own
/// <c>keysPerThread</c> keys, then keeps overwriting them until both threads have inserted all of theirs and each
/// has seen the other write between two of its own writes <see cref="Interleavings"/> times. On a busy machine
/// the OS may run the two threads one after the other on one core; the second condition makes the trial last
/// until they have truly interleaved. A thread stops at its first exception, and then so does the other.
/// Afterwards every key whose write completed must still be there.
/// </summary>
internal static class WriteRace
{
    /// <summary>Writer threads per trial.</summary>
    public const int Threads = 2;

    /// <summary>How often each thread must see the other's progress between two of its own writes before the trial
    /// may end. Even when the threads only take turns on one core, each switch lands inside a call most of the time,
    /// so 16 switches make an overlap all but certain.</summary>
    public const int Interleavings = 16;

    // Progress counters sit 128 bytes apart, so the threads do not slow each other by sharing a cache line.
    private const int Stride = 16;

    /// <summary>Runs one trial against <paramref name="map"/> and says how it ended.</summary>
    public static TrialOutcome Run(ILabMap map, IWorkerLauncher launcher, int keysPerThread, TimeSpan timeout)
    {
        var inserted = new long[Threads];
        var progress = new long[Threads * Stride];
        var errors = new Exception?[Threads];
        int arrived = 0;
        int doneInserting = 0;
        int doneInterleaving = 0;
        bool stop = false;

        bool finished = launcher.Run(
            index =>
            {
                // Spin start: both threads leave the line within a few hundred nanoseconds of each other.
                Interlocked.Increment(ref arrived);
                while (Volatile.Read(ref arrived) < Threads && !Volatile.Read(ref stop))
                {
                    Thread.SpinWait(1);
                }

                long baseKey = (long)index * keysPerThread;
                ref long mine = ref progress[index * Stride];
                ref long other = ref progress[(Threads - 1 - index) * Stride];
                long seen = Volatile.Read(ref other);
                int interleaved = 0;
                try
                {
                    for (long k = 0; !Volatile.Read(ref stop); k++)
                    {
                        if (k < keysPerThread)
                        {
                            map.Set(baseKey + k, k);
                            inserted[index] = k + 1;
                            if (k == keysPerThread - 1)
                            {
                                Interlocked.Increment(ref doneInserting);
                            }
                        }
                        else if (Volatile.Read(ref doneInserting) == Threads && Volatile.Read(ref doneInterleaving) == Threads)
                        {
                            break;
                        }
                        else
                        {
                            map.Set(baseKey + (k % keysPerThread), k);
                        }

                        Volatile.Write(ref mine, k + 1);
                        long now = Volatile.Read(ref other);
                        if (now != seen)
                        {
                            seen = now;
                            if (++interleaved == Interleavings)
                            {
                                Interlocked.Increment(ref doneInterleaving);
                            }
                        }
                    }
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    errors[index] = ex;
                    Volatile.Write(ref stop, true);
                }
            },
            Threads,
            timeout);

        if (!finished)
        {
            Volatile.Write(ref stop, true);
            return TrialOutcome.Hang(timeout);
        }

        return Verify(map, inserted, keysPerThread, errors.FirstOrDefault(e => e is not null), timeout);
    }

    /// <summary>Counts the keys each thread wrote (key <c>index * keysPerThread + j</c> for j below
    /// <paramref name="inserted"/>[index]) that the map lost, under a watchdog: a corrupt Dictionary can hang or
    /// throw even when read.</summary>
    public static TrialOutcome Verify(ILabMap map, long[] inserted, int keysPerThread, Exception? error, TimeSpan timeout)
    {
        long lost = 0;
        int count = 0;
        Exception? readError = Watchdog.Run(
            () =>
            {
                for (int index = 0; index < inserted.Length; index++)
                {
                    for (long j = 0; j < inserted[index]; j++)
                    {
                        if (!map.TryGet(((long)index * keysPerThread) + j, out _))
                        {
                            lost++;
                        }
                    }
                }

                count = map.Count;
            },
            timeout,
            "lab-verify");

        if (readError is TimeoutException)
        {
            return TrialOutcome.Hang(timeout) with { Message = "reading the map back after the race never finished: its buckets form a cycle" };
        }

        if (readError is not null)
        {
            return new TrialOutcome
            {
                Label = TrialOutcome.CorruptLabel,
                Message = $"reading the map back after the race threw {readError.GetType().Name}: {readError.Message}",
            };
        }

        if (error is not null)
        {
            return TrialOutcome.FromException(error, lost);
        }

        if (lost > 0)
        {
            return new TrialOutcome { Label = TrialOutcome.SilentLossLabel, Lost = lost, Message = $"{lost} of {inserted.Sum()} written keys missing, no exception" };
        }

        long expected = inserted.Sum();
        return count == expected
            ? TrialOutcome.Correct
            : new TrialOutcome { Label = TrialOutcome.CorruptLabel, Message = $"Count says {count}, but {expected} distinct keys were written and all are present" };
    }
}

using System.Diagnostics;
using static MapGuard.Testing.Stress.StressHarness;

namespace MapGuard.Testing.Stress;

/// <summary>Bounded stress scenarios for maps that document <c>Clear</c> as atomic.</summary>
public static class ClearScenarios
{
    /// <summary>The longest a run of <see cref="ClearIsAtomicToReaders"/> goes on; a few hundred rounds detect a non-atomic Clear.</summary>
    private const int MaxSeconds = 3;

    /// <summary>
    /// A writer repeats rounds of "set <c>last</c> to r, set <c>first</c> to r, Clear" (r = 1, 2, ...) while a reader
    /// reads <c>first</c>, and after finding it absent, <c>last</c>. A reader that saw <c>first</c> = r and later finds
    /// it absent has seen round r's Clear take effect; if it then still finds <c>last</c> with a value of r or less, it
    /// saw <c>last</c> from before that Clear after it had seen the Clear remove <c>first</c>: the Clear was not atomic.
    /// The writer clears only after the reader has seen the round's <c>first</c>, so every Clear runs under a reader in
    /// its tight loop. Stops at the first violation, after <paramref name="rounds"/> rounds, or after
    /// <see cref="MaxSeconds"/> seconds.
    /// </summary>
    /// <param name="factory">Creates the map and picks the two keys: a map that clears its parts one by one should get a
    /// <c>first</c> key that it clears early and a <c>last</c> key that it clears late.</param>
    /// <param name="rounds">Rounds of the writer.</param>
    /// <exception cref="IntegrityException">The reader saw a Clear half done, a value was never written, or the
    /// threads never overlapped.</exception>
    public static void ClearIsAtomicToReaders(Func<(IConcurrentMap<long, long> Map, long First, long Last)> factory, int rounds = 1_000)
    {
        UntilOverlapped(() =>
        {
            (IConcurrentMap<long, long> map, long first, long last) = factory();
            var shared = new ClearRace();
            TimeSpan overlap = Run(2, t =>
            {
                if (t == 0)
                {
                    Write(map, first, last, rounds, shared);
                    return;
                }

                try
                {
                    Read(map, first, last, rounds, shared);
                }
                finally
                {
                    Volatile.Write(ref shared.ReaderSaw, long.MaxValue); // releases the writer's handshake
                }
            });

            Check(
                shared.TornAt == 0,
                $"Clear was not atomic to a reader: it saw key {first} = {shared.TornAt}, then key {first} absent (round " +
                $"{shared.TornAt}'s Clear had removed it), then key {last} = {shared.TornValue} (which that Clear had not yet removed).");

            // A run in which the reader never saw a Clear's effect proved nothing: count it as not overlapped, to run again.
            return shared.ClearsSeen > 0 ? overlap : TimeSpan.Zero;
        });
    }

    private static void Write(IConcurrentMap<long, long> map, long first, long last, int rounds, ClearRace shared)
    {
        // Each round waits for the reader, so on a loaded machine a round can take a scheduling quantum: the time limit
        // keeps the test short there (it ends the run early; it never fails it).
        long deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * MaxSeconds);
        for (long round = 1; round <= rounds && Volatile.Read(ref shared.TornAt) == 0 && Stopwatch.GetTimestamp() < deadline; round++)
        {
            map[last] = round;
            map[first] = round;

            // Yields, never sleeps: a Sleep(1) per round would make the rounds milliseconds long.
            var spinner = default(SpinWait);
            while (Volatile.Read(ref shared.ReaderSaw) < round)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }

            map.Clear();
        }

        Volatile.Write(ref shared.Done, 1);
    }

    private static void Read(IConcurrentMap<long, long> map, long first, long last, int rounds, ClearRace shared)
    {
        long seenFirst = 0; // the last value of `first` this reader saw, 0 before any
        while (Volatile.Read(ref shared.Done) == 0)
        {
            if (map.TryGetValue(first, out long value))
            {
                Check(value >= seenFirst && value <= rounds, $"Key {first} held {value} after holding {seenFirst}: a value out of order or never written.");
                seenFirst = value;
                Volatile.Write(ref shared.ReaderSaw, value);
                continue;
            }

            if (seenFirst == 0)
            {
                continue;
            }

            shared.ClearsSeen++;
            if (map.TryGetValue(last, out long lastValue) && lastValue <= seenFirst)
            {
                shared.TornValue = lastValue;
                Volatile.Write(ref shared.TornAt, seenFirst);
                return;
            }
        }
    }

    /// <summary>What the writer and the reader of one run share.</summary>
    private sealed class ClearRace
    {
        public long ReaderSaw;  // the last value of `first` the reader saw; long.MaxValue once it stopped
        public int Done;        // set by the writer after its last round
        public long TornAt;     // the first violation: the round whose Clear the reader saw half done, or 0
        public long TornValue;  // the value of `last` it still found then
        public long ClearsSeen; // reads that found `first` absent after seeing it present: each follows a Clear
    }
}

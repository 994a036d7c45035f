using System.Collections.Concurrent;
using System.Diagnostics;
using MapGuard.Testing.Stress;

namespace MapGuard.StressTests.Detection;

/// <summary>
/// GuardedDictionary under real races: two writers (or a reader and a writer) on one dictionary are caught in every
/// trial before any entry is lost or the inner Dictionary throws; correctly serialized use raises nothing; and
/// Report mode keeps the data intact after a violation and from then on.
/// </summary>
public sealed class GuardedDictionaryStressTests
{
    private const int Trials = 100;

    // Each writer inserts this many distinct keys (resizing the inner Dictionary several times), then keeps
    // overwriting them until the overlap is caught: a trial cannot pass just because the threads never met.
    private const int KeysPerThread = 4_096;

    private static readonly TimeSpan TrialLimit = TimeSpan.FromSeconds(10);

    /// <summary>Bias settings every race runs under: off (CAS only), the first write's thread at once, and the default.</summary>
    public static TheoryData<int> BiasSettings => [0, 1, GuardOptions.DefaultBiasAfterWrites];

    [Theory]
    [MemberData(nameof(BiasSettings))]
    public void TwoWritersOnDistinctKeys_AreCaughtInEveryTrial_BeforeAnyLossOrInternalError(int biasAfterWrites)
    {
        var writesBeforeCatch = new List<long>();
        for (int trial = 0; trial < Trials; trial++)
        {
            var map = new GuardedDictionary<int, int>(new GuardOptions { BiasAfterWrites = biasAfterWrites });
            var caught = new ConcurrentQueue<GuardViolation>();
            var written = new long[2];
            int arrived = 0;
            bool stop = false;
            var clock = Stopwatch.StartNew();

            // Any exception other than ConcurrentAccessException (the inner Dictionary's own, for one) fails the run.
            StressHarness.Run(2, index =>
            {
                SpinStart(ref arrived, 2);
                int baseKey = index * KeysPerThread;
                try
                {
                    for (long k = 0; !Volatile.Read(ref stop) && clock.Elapsed < TrialLimit; k++)
                    {
                        int key = baseKey + (int)(k % KeysPerThread);
                        map[key] = (int)k;
                        written[index] = k + 1;
                    }
                }
                catch (ConcurrentAccessException ex)
                {
                    caught.Enqueue(ex.Violation!);
                    Volatile.Write(ref stop, true);
                }
            });

            StressHarness.Check(!caught.IsEmpty, $"trial {trial}: two writers overlapped for {clock.Elapsed.TotalSeconds:0.0} s and nothing was caught");
            foreach (GuardViolation violation in caught)
            {
                StressHarness.Check(
                    violation.Operation == GuardedOperation.IndexerSet && violation.OtherOperation == GuardedOperation.IndexerSet &&
                    violation.OtherWasRunning && violation.ThreadId != violation.OtherThreadId,
                    $"trial {trial}: unexpected report: {violation.Message}");
            }

            CheckWriterData(map, written, trial);
            Assert.Equal(caught.Count, map.ViolationCount);
            writesBeforeCatch.Add(written[0] + written[1]);
        }

        writesBeforeCatch.Sort();
        TestContext.Current.SendDiagnosticMessage(
            $"{Trials}/{Trials} trials caught; writes before the catch: min {writesBeforeCatch[0]}, median {writesBeforeCatch[Trials / 2]}, max {writesBeforeCatch[^1]}");
    }

    [Theory]
    [MemberData(nameof(BiasSettings))]
    public void ReaderAndWriter_AreCaughtInEveryTrial_ByTheReader(int biasAfterWrites)
    {
        const int ReadWriteTrials = 20;
        for (int trial = 0; trial < ReadWriteTrials; trial++)
        {
            var map = new GuardedDictionary<int, int>(new GuardOptions { BiasAfterWrites = biasAfterWrites });
            var caught = new ConcurrentQueue<GuardViolation>();
            var written = new long[1];
            int arrived = 0;
            bool stop = false;
            var clock = Stopwatch.StartNew();

            StressHarness.Run(2, index =>
            {
                SpinStart(ref arrived, 2);
                try
                {
                    if (index == 0)
                    {
                        for (long k = 0; !Volatile.Read(ref stop) && clock.Elapsed < TrialLimit; k++)
                        {
                            map[(int)(k % KeysPerThread)] = (int)k;
                            written[0] = k + 1;
                        }
                    }
                    else
                    {
                        var random = new Random(trial);
                        while (!Volatile.Read(ref stop) && clock.Elapsed < TrialLimit)
                        {
                            map.TryGetValue(random.Next(KeysPerThread), out _);
                        }
                    }
                }
                catch (ConcurrentAccessException ex)
                {
                    caught.Enqueue(ex.Violation!);
                    Volatile.Write(ref stop, true);
                }
            });

            GuardViolation violation = Assert.Single(caught);
            Assert.Equal(GuardedOperation.TryGetValue, violation.Operation); // writers cannot see readers; the reader reports
            Assert.Equal(GuardedOperation.IndexerSet, violation.OtherOperation);
            Assert.NotEqual(violation.ThreadId, violation.OtherThreadId);
            CheckWriterData(map, written, trial);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(GuardOptions.DefaultBiasAfterWrites)]
    public void SerializedThroughALock_TenMillionOperationsFromFourThreads_RaiseNothing(int biasAfterWrites)
    {
        const int Threads = 4;
        const int OperationsPerThread = 2_500_000;
        const int Batch = 1; // one operation per lock hold: the dictionary may change threads between any two calls
        const int Keys = 1_024;
        var map = new GuardedDictionary<int, int>(new GuardOptions { BiasAfterWrites = biasAfterWrites });
        var model = new Dictionary<int, int>();
        var gate = new Lock();
        long mismatches = 0;
        long handoffs = 0; // how often the dictionary moved to another thread: the moments a false alarm could happen
        int lastOwner = -1;
        map.ViolationDetected += (_, _) => Interlocked.Increment(ref mismatches);
        var clock = Stopwatch.StartNew();

        StressHarness.Run(Threads, index =>
        {
            var random = new Random(index);
            Span<int> picks = stackalloc int[Batch];
            for (int done = 0; done < OperationsPerThread; done += Batch)
            {
                for (int j = 0; j < Batch; j++)
                {
                    picks[j] = random.Next();
                }

                Thread.SpinWait(picks[0] & 15); // work outside the lock, so another thread can take it in between

                lock (gate)
                {
                    if (lastOwner != index)
                    {
                        lastOwner = index;
                        handoffs++;
                    }

                    foreach (int pick in picks)
                    {
                        int key = pick & (Keys - 1);
                        bool agrees = ((pick >> 10) & 7) switch
                        {
                            0 or 1 or 2 => map.TryGetValue(key, out int v) == model.TryGetValue(key, out int m) && v == m,
                            3 => map.ContainsKey(key) == model.ContainsKey(key) && map.Count == model.Count,
                            4 or 5 => Set(key, pick),
                            6 => map.TryAdd(key, pick) == model.TryAdd(key, pick),
                            _ => map.Remove(key) == model.Remove(key),
                        };
                        if (!agrees)
                        {
                            Interlocked.Increment(ref mismatches);
                        }
                    }
                }
            }
        });

        TestContext.Current.SendDiagnosticMessage($"{(long)Threads * OperationsPerThread:N0} serialized operations in {clock.Elapsed.TotalSeconds:0.0} s, {handoffs:N0} handoffs between threads");
        Assert.True(handoffs >= 10_000, $"only {handoffs} handoffs: the threads barely interleaved");
        Assert.Equal(0, map.ViolationCount);
        Assert.Equal(0, Interlocked.Read(ref mismatches));
        Assert.Equal(model.OrderBy(p => p.Key), map.OrderBy(p => p.Key));

        bool Set(int key, int value)
        {
            map[key] = value;
            model[key] = value;
            return true;
        }
    }

    [Theory]
    [MemberData(nameof(BiasSettings))]
    public void ReportMode_KeepsEveryEntryThroughTheViolation_AndStaysCorrectAfterIt(int biasAfterWrites)
    {
        const int ReportTrials = 20;
        for (int trial = 0; trial < ReportTrials; trial++)
        {
            var map = new GuardedDictionary<int, int>(new GuardOptions { Mode = GuardMode.Report, Name = "stress-report", BiasAfterWrites = biasAfterWrites });
            long events = 0;
            map.ViolationDetected += (_, _) => Interlocked.Increment(ref events);
            var written = new long[2];
            int arrived = 0;
            var clock = Stopwatch.StartNew();

            // Phase 1: two writers race until the race is reported (and then some). Nobody throws: Report mode.
            StressHarness.Run(2, index =>
            {
                SpinStart(ref arrived, 2);
                int baseKey = index * KeysPerThread;
                for (long k = 0; k < KeysPerThread || (!map.IsSerialized && clock.Elapsed < TrialLimit); k++)
                {
                    map[baseKey + (int)(k % KeysPerThread)] = (int)k;
                    written[index] = k + 1;
                }
            });

            StressHarness.Check(map.IsSerialized, $"trial {trial}: the race was never reported");
            StressHarness.Check(map.ViolationCount >= 1 && map.ViolationCount == Interlocked.Read(ref events), $"trial {trial}: {map.ViolationCount} violations counted, {events} events");
            CheckWriterData(map, written, trial);
            long violationsAfterSwitch = map.ViolationCount;

            // Phase 2: four threads keep using it, now serialized. Each owns a key range: add, remove half, update half.
            StressHarness.Run(4, index =>
            {
                int baseKey = 1_000_000 * (index + 1);
                for (int i = 0; i < 2_000; i++)
                {
                    map.Add(baseKey + i, i);
                    _ = map.Count;
                }

                for (int i = 0; i < 2_000; i++)
                {
                    if (i % 2 == 0)
                    {
                        StressHarness.Check(map.Remove(baseKey + i, out int old) && old == i, $"lost {baseKey + i}");
                    }
                    else
                    {
                        map[baseKey + i] = -i;
                    }
                }
            });

            Assert.Equal(violationsAfterSwitch, map.ViolationCount);
            Assert.Equal((2 * KeysPerThread) + (4 * 1_000), map.Count);
            for (int index = 0; index < 4; index++)
            {
                for (int i = 1; i < 2_000; i += 2)
                {
                    Assert.Equal(-i, map[(1_000_000 * (index + 1)) + i]);
                }
            }
        }
    }

    [Fact]
    public void RevocationRacingTheOwnersWrites_IsCaughtOrHarmless_AndNeverLosesAnEntry()
    {
        // The owner writes without a CAS; another thread's single write revokes the bias at a random moment. That
        // moment often falls between the owner's window store and its re-check of the bias (the asymmetric Dekker
        // check): every trial must end with the owner's entries intact and the single write either refused or present.
        const int RaceTrials = 3_000;
        const int OwnerWrites = 20_000;
        int caughtAtRevocation = 0;
        int caughtLater = 0;
        for (int trial = 0; trial < RaceTrials; trial++)
        {
            var map = new GuardedDictionary<int, int>(new GuardOptions { BiasAfterWrites = 1 });
            var written = new long[1];
            bool biased = false;
            bool? added = null;
            GuardViolation? ownerCaught = null;
            GuardViolation? otherCaught = null;
            int delay = trial % 200;

            StressHarness.Run(2, index =>
            {
                try
                {
                    if (index == 0)
                    {
                        for (long k = 0; k < OwnerWrites; k++)
                        {
                            map[(int)(k % KeysPerThread)] = (int)k;
                            written[0] = k + 1;
                            if (k == 0)
                            {
                                Volatile.Write(ref biased, true);
                            }
                        }
                    }
                    else
                    {
                        while (!Volatile.Read(ref biased))
                        {
                            Thread.SpinWait(1);
                        }

                        Thread.SpinWait(delay);
                        added = map.TryAdd(KeysPerThread + trial, trial);
                    }
                }
                catch (ConcurrentAccessException ex)
                {
                    if (index == 0)
                    {
                        ownerCaught = ex.Violation;
                    }
                    else
                    {
                        otherCaught = ex.Violation;
                    }
                }
            });

            StressHarness.Check(map.Revocations == 1, $"trial {trial}: {map.Revocations} revocations");
            StressHarness.Check((added is null) == (otherCaught is not null), $"trial {trial}: the single write neither ran nor was refused");
            StressHarness.Check(map.ContainsKey(KeysPerThread + trial) == (added == true), $"trial {trial}: the single write's key is {(added == true ? "lost" : "present though refused")}");
            if (otherCaught is not null)
            {
                caughtAtRevocation++;
            }
            else if (ownerCaught is not null)
            {
                caughtLater++;
            }

            long expectedCount = Math.Min(written[0], KeysPerThread) + (added == true ? 1 : 0);
            CheckWriterData(map, written, trial, expectedCount);
        }

        TestContext.Current.SendDiagnosticMessage(
            $"{RaceTrials} revocations: {caughtAtRevocation} found the owner inside a write, {caughtLater} overlapped the owner's next write, {RaceTrials - caughtAtRevocation - caughtLater} fell between writes");
    }

    /// <summary>Barrier then spin, so both threads leave the start line within a few hundred nanoseconds.</summary>
    private static void SpinStart(ref int arrived, int threads)
    {
        Interlocked.Increment(ref arrived);
        while (Volatile.Read(ref arrived) < threads)
        {
            Thread.SpinWait(1);
        }
    }

    /// <summary>Writer <c>i</c> set key <c>i * KeysPerThread + (k % KeysPerThread)</c> to <c>k</c> for k below written[i]:
    /// every such key must hold its last k, and nothing else may be there.</summary>
    private static void CheckWriterData(GuardedDictionary<int, int> map, long[] written, int trial, long? expectedTotal = null)
    {
        long expectedCount = 0;
        for (int index = 0; index < written.Length; index++)
        {
            long total = written[index];
            for (int j = 0; j < KeysPerThread && j < total; j++)
            {
                long last = j + (KeysPerThread * ((total - 1 - j) / KeysPerThread));
                int key = (index * KeysPerThread) + j;
                StressHarness.Check(map.TryGetValue(key, out int value), $"trial {trial}: key {key} was lost");
                StressHarness.Check(value == (int)last, $"trial {trial}: key {key} holds {value}, expected {last}");
                expectedCount++;
            }
        }

        expectedCount = expectedTotal ?? expectedCount;
        StressHarness.Check(map.Count == expectedCount, $"trial {trial}: Count is {map.Count}, expected {expectedCount}");
    }
}

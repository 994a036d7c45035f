namespace MapGuard.Testing.Linearizability;

/// <summary>
/// Records many small concurrent histories (a few threads, a few calls each, on a few keys so calls collide) and
/// checks each with <see cref="LinearizabilityChecker"/>. Each history starts on a fresh map with a random initial
/// state. Threads are released together and wait a random short spin between calls, so the
/// interleavings vary.
/// The calling thread plays thread 0; the others spin on a round number instead of blocking at a kernel barrier,
/// so all of them start within a few hundred nanoseconds and their calls actually overlap.
/// </summary>
public static class LinearizabilityRunner
{
    private static readonly OpKind[] s_kinds = Enum.GetValues<OpKind>();

    /// <summary>
    /// Records and checks up to <paramref name="histories"/> histories; stops at the first violation, or once
    /// <paramref name="enoughOverlapping"/> histories with overlapping calls have been checked.
    /// </summary>
    public static LinearizabilityReport Run(
        Func<IConcurrentMap<int, int>> factory,
        int histories,
        int seed,
        int threads = 3,
        int operationsPerThread = 5,
        int keys = 3,
        int enoughOverlapping = int.MaxValue)
    {
        var random = new Random(seed);
        var run = new HistoryRound(threads, operationsPerThread, factory());
        var workers = new Thread[threads - 1];
        for (int t = 1; t < threads; t++)
        {
            int index = t;
            workers[t - 1] = new Thread(() => run.WorkerLoop(index)) { IsBackground = true, Name = $"linearizability-{index}" };
            workers[t - 1].Start();
        }

        int overlapping = 0;
        string? failure = null;
        int recorded = 0;
        try
        {
            for (; recorded < histories && failure is null && overlapping < enoughOverlapping; recorded++)
            {
                IConcurrentMap<int, int> map = factory();
                var initial = new Dictionary<int, KeyState>();
                for (int key = 0; key < keys; key++)
                {
                    if (random.Next(2) == 0)
                    {
                        int value = random.Next(4);
                        map[key] = value;
                        initial[key] = new KeyState(true, value);
                    }
                }

                run.Prepare(map, random, keys);
                failure = run.Execute(recorded + 1);
                if (failure is not null)
                {
                    break;
                }

                Operation[] history = run.History();
                if (Overlaps(history))
                {
                    overlapping++;
                }

                if (LinearizabilityChecker.FindViolation(history, initial) is int badKey)
                {
                    failure = LinearizabilityChecker.Format(history, badKey, initial.GetValueOrDefault(badKey, KeyState.Absent));
                }
            }
        }
        finally
        {
            run.Stop();
        }

        return new LinearizabilityReport(recorded, overlapping, failure);
    }

    private static bool Overlaps(Operation[] history)
    {
        foreach (Operation a in history)
        {
            foreach (Operation b in history)
            {
                if (a.Thread < b.Thread && a.Invoke < b.Response && b.Invoke < a.Response)
                {
                    return true;
                }
            }
        }

        return false;
    }
}

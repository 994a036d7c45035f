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
        int enoughOverlapping = int.MaxValue) =>
        Run(HistoryScenario.Plain(factory), histories, seed, threads, operationsPerThread, keys, enoughOverlapping);

    /// <summary>
    /// As <see cref="Run(Func{IConcurrentMap{int, int}}, int, int, int, int, int, int)"/>, with the map built and
    /// interfered with as <paramref name="scenario"/> says. With an interference, a history counts as overlapping
    /// only when the interference overlapped at least one call as well as calls overlapping each other.
    /// </summary>
    public static LinearizabilityReport Run(
        HistoryScenario scenario,
        int histories,
        int seed,
        int threads = 3,
        int operationsPerThread = 5,
        int keys = 3,
        int enoughOverlapping = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var random = new Random(seed);
        var run = new HistoryRound(threads, operationsPerThread, scenario.Create(new Dictionary<int, int>()), scenario.Interference);
        int workerCount = threads - 1 + (scenario.Interference is null ? 0 : 1);
        var workers = new Thread[workerCount];
        for (int t = 1; t <= workerCount; t++)
        {
            int index = t;
            workers[t - 1] = new Thread(() => run.WorkerLoop(index)) { IsBackground = true, Name = $"linearizability-{index}" };
            workers[t - 1].Start();
        }

        int overlapping = 0;
        int interfered = 0;
        string? failure = null;
        int recorded = 0;
        try
        {
            for (; recorded < histories && failure is null && overlapping < enoughOverlapping; recorded++)
            {
                var initial = new Dictionary<int, KeyState>();
                var values = new Dictionary<int, int>();
                for (int key = 0; key < keys; key++)
                {
                    if (random.Next(2) == 0)
                    {
                        int value = random.Next(4);
                        values[key] = value;
                        initial[key] = new KeyState(true, value);
                    }
                }

                IConcurrentMap<int, int> map = scenario.Create(values);
                run.Prepare(map, random, keys, scenario.MaxInterferencePause);
                failure = run.Execute(recorded + 1);
                if (failure is not null)
                {
                    break;
                }

                Operation[] history = run.History();
                bool interferes = scenario.Interference is null || history.Any(op => op.Invoke < run.InterferenceResponse && run.InterferenceInvoke < op.Response);
                if (interferes && scenario.Interference is not null)
                {
                    interfered++;
                }

                if (interferes && Overlaps(history))
                {
                    overlapping++;
                }

                if (LinearizabilityChecker.FindViolation(history, initial) is int badKey)
                {
                    failure = LinearizabilityChecker.Format(history, badKey, initial.GetValueOrDefault(badKey, KeyState.Absent));
                    if (scenario.Interference is not null)
                    {
                        failure += $"interference ran from {run.InterferenceInvoke} to {run.InterferenceResponse}\n";
                    }
                }
            }
        }
        finally
        {
            run.Stop();
        }

        return new LinearizabilityReport(recorded, overlapping, failure) { Interfered = interfered };
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

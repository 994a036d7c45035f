using System.Collections.Concurrent;

namespace MapGuard.Testing.Linearizability;

/// <summary>
/// Records many small concurrent histories (a few threads, a few calls each, on a few keys so calls collide) and
/// checks each with <see cref="LinearizabilityChecker"/>. Each history starts on a fresh map with a random initial
/// state. Threads are released together by a barrier and wait a random short spin between calls, so the
/// interleavings vary.
/// </summary>
public static class LinearizabilityRunner
{
    private static readonly OpKind[] s_kinds = Enum.GetValues<OpKind>();

    /// <summary>Records and checks <paramref name="histories"/> histories; stops at the first violation.</summary>
    public static LinearizabilityReport Run(
        Func<IConcurrentMap<int, int>> factory,
        int histories,
        int seed,
        int threads = 3,
        int operationsPerThread = 5,
        int keys = 3)
    {
        var random = new Random(seed);
        long[] clock = new long[1];
        var plan = new Operation[threads][];
        int[][] pauses = new int[threads][];
        IConcurrentMap<int, int> map = factory();
        var errors = new ConcurrentQueue<Exception>();
        bool stop = false;
        using var start = new Barrier(threads + 1);
        using var end = new Barrier(threads + 1);

        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            int index = t;
            workers[t] = new Thread(() =>
            {
                while (true)
                {
                    start.SignalAndWait();
                    if (Volatile.Read(ref stop))
                    {
                        return;
                    }

                    try
                    {
                        for (int i = 0; i < plan[index].Length; i++)
                        {
                            Thread.SpinWait(pauses[index][i]);
                            Operation op = plan[index][i];
                            op.Invoke = Interlocked.Increment(ref clock[0]);
                            op.Execute(map);
                            op.Response = Interlocked.Increment(ref clock[0]);
                        }
                    }
                    catch (Exception ex)
                    {
                        errors.Enqueue(ex);
                    }

                    end.SignalAndWait();
                }
            })
            {
                IsBackground = true,
                Name = $"linearizability-{index}",
            };
            workers[t].Start();
        }

        int overlapping = 0;
        string? failure = null;
        int recorded = 0;
        try
        {
            for (; recorded < histories && failure is null; recorded++)
            {
                map = factory();
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

                for (int t = 0; t < threads; t++)
                {
                    plan[t] = new Operation[operationsPerThread];
                    pauses[t] = new int[operationsPerThread];
                    for (int i = 0; i < operationsPerThread; i++)
                    {
                        plan[t][i] = new Operation
                        {
                            Thread = t,
                            Kind = s_kinds[random.Next(s_kinds.Length)],
                            Key = random.Next(keys),
                            Value = random.Next(4),
                            Comparand = random.Next(4),
                        };
                        pauses[t][i] = random.Next(40);
                    }
                }

                start.SignalAndWait();
                if (!end.SignalAndWait(TimeSpan.FromSeconds(60)))
                {
                    failure = "Watchdog: a history did not finish within 60 s (hang or livelock).";
                    break;
                }

                if (errors.TryDequeue(out Exception? error))
                {
                    failure = $"A call threw {error.GetType().Name}: {error.Message}";
                    break;
                }

                Operation[] history = [.. plan.SelectMany(p => p)];
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
            if (failure is null || !failure.StartsWith("Watchdog", StringComparison.Ordinal))
            {
                Volatile.Write(ref stop, true);
                start.SignalAndWait(TimeSpan.FromSeconds(10));
            }
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

using System.Collections.Concurrent;

namespace MapGuard.Testing.Linearizability;

/// <summary>
/// The shared state of one recorded history: the plan of calls per thread, the map, the logical clock and the
/// spin-based start and finish signals. Thread 0 is the coordinator; threads 1.. run <see cref="WorkerLoop"/>.
/// </summary>
internal sealed class HistoryRound
{
    private static readonly OpKind[] s_kinds = Enum.GetValues<OpKind>();

    private readonly Operation[][] _plan;
    private readonly int[][] _pauses;
    private readonly Action<IConcurrentMap<int, int>, Random>? _interference;
    private int _interferencePause;
    private int _interferenceSeed;
    private readonly ConcurrentQueue<Exception> _errors = new();
    private IConcurrentMap<int, int> _map;
    private long _clock;
    private int _round;     // PUBLISHED BY: Volatile.Write in Execute after Prepare; READ WITH: Volatile.Read by workers
    private int _finished;  // incremented by each worker after its calls
    private bool _stopped;

    public HistoryRound(int threads, int operationsPerThread, IConcurrentMap<int, int> map, Action<IConcurrentMap<int, int>, Random>? interference = null)
    {
        _interference = interference;
        _plan = new Operation[threads][];
        _pauses = new int[threads][];
        for (int t = 0; t < threads; t++)
        {
            _plan[t] = new Operation[operationsPerThread];
            _pauses[t] = new int[operationsPerThread];
        }

        _map = map;
    }

    /// <summary>Gets the interfering thread's index, one past the last calling thread.</summary>
    public int InterferenceThread => _plan.Length;

    /// <summary>Gets the clock reading just before the interference started in the last history.</summary>
    public long InterferenceInvoke { get; private set; }

    /// <summary>Gets the clock reading just after the interference returned in the last history.</summary>
    public long InterferenceResponse { get; private set; }

    /// <summary>Plans the next history on <paramref name="map"/>. Workers are idle while this runs.</summary>
    public void Prepare(IConcurrentMap<int, int> map, Random random, int keys, int maxInterferencePause = 0)
    {
        _map = map;
        if (_interference is not null)
        {
            // Drawn only with an interference, so plain runs replay the same histories for the same seed as before.
            _interferencePause = random.Next(maxInterferencePause + 1);
            _interferenceSeed = random.Next();
        }
        for (int t = 0; t < _plan.Length; t++)
        {
            for (int i = 0; i < _plan[t].Length; i++)
            {
                _plan[t][i] = new Operation
                {
                    Thread = t,
                    Kind = s_kinds[random.Next(s_kinds.Length)],
                    Key = random.Next(keys),
                    Value = random.Next(4),
                    Comparand = random.Next(4),
                };
                _pauses[t][i] = random.Next(i == 0 ? 16 : 4);
            }
        }
    }

    /// <summary>Releases the workers for round <paramref name="round"/>, runs thread 0's calls, waits for the rest.</summary>
    /// <returns>A failure description, or null.</returns>
    public string? Execute(int round)
    {
        Volatile.Write(ref _finished, 0);

        // ORDER: this release store publishes the plan and map written in Prepare; pairs with workers' Volatile.Read.
        Volatile.Write(ref _round, round);
        RunCalls(0);

        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        var spinner = default(SpinWait);
        int workers = _plan.Length - 1 + (_interference is null ? 0 : 1);
        while (Volatile.Read(ref _finished) < workers)
        {
            if (DateTime.UtcNow > deadline)
            {
                return "Watchdog: a history did not finish within 60 s (hang or livelock).";
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }

        return _errors.TryDequeue(out Exception? error) ? $"A call threw {error.GetType().Name}: {error.Message}" : null;
    }

    public Operation[] History() => [.. _plan.SelectMany(p => p)];

    public void Stop()
    {
        Volatile.Write(ref _stopped, true);
        Volatile.Write(ref _round, int.MaxValue);
    }

    public void WorkerLoop(int thread)
    {
        int seen = 0;
        while (true)
        {
            var spinner = default(SpinWait);
            int round;
            while ((round = Volatile.Read(ref _round)) == seen)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }

            if (Volatile.Read(ref _stopped))
            {
                return;
            }

            seen = round;
            if (thread == InterferenceThread)
            {
                RunInterference();
            }
            else
            {
                RunCalls(thread);
            }

            Interlocked.Increment(ref _finished);
        }
    }

    private void RunInterference()
    {
        try
        {
            Thread.SpinWait(_interferencePause);
            InterferenceInvoke = Interlocked.Increment(ref _clock);
            _interference!(_map, new Random(_interferenceSeed));
            InterferenceResponse = Interlocked.Increment(ref _clock);
        }
        catch (Exception ex)
        {
            _errors.Enqueue(ex);
        }
    }

    private void RunCalls(int thread)
    {
        try
        {
            Operation[] calls = _plan[thread];
            for (int i = 0; i < calls.Length; i++)
            {
                Thread.SpinWait(_pauses[thread][i]);
                calls[i].Invoke = Interlocked.Increment(ref _clock);
                calls[i].Execute(_map);
                calls[i].Response = Interlocked.Increment(ref _clock);
            }
        }
        catch (Exception ex)
        {
            _errors.Enqueue(ex);
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;

namespace MapGuard.Testing.Stress;

/// <summary>
/// Runs worker threads released together by a <see cref="Barrier"/>, under a watchdog that turns a hang into a
/// failure. A worker's exception is a failure too. Each run measures how long all its workers were inside their bodies
/// at the same time: on a loaded 2-core machine a short scenario's threads sometimes run one after the other, and such
/// a run proves nothing about concurrency (<see cref="UntilOverlapped"/>).
/// </summary>
public static class StressHarness
{
    [ThreadStatic]
    private static long t_lastOverlapTicks;

    /// <summary>Gets the overlap of the calling thread's last <see cref="Run"/>: how long all its workers were inside
    /// their bodies at once, by the wall clock. Zero or negative: they never were.</summary>
    public static TimeSpan LastOverlap => TimeSpan.FromTicks(t_lastOverlapTicks);
    /// <summary>How long a bounded scenario may run before it counts as hung.</summary>
    public static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(90);

    /// <summary>Runs <paramref name="body"/> on <paramref name="threads"/> threads at once.</summary>
    /// <returns>The overlap of the workers (see <see cref="LastOverlap"/>).</returns>
    /// <exception cref="IntegrityException">A worker threw, or the watchdog fired.</exception>
    public static TimeSpan Run(int threads, Action<int> body)
    {
        using var gate = new Barrier(threads);
        var errors = new ConcurrentQueue<Exception>();
        var workers = new Thread[threads];
        long[] started = new long[threads];
        long[] ended = new long[threads];
        for (int i = 0; i < threads; i++)
        {
            int index = i;
            workers[i] = new Thread(() =>
            {
                gate.SignalAndWait();
                started[index] = Stopwatch.GetTimestamp();
                try
                {
                    body(index);
                }
                catch (Exception ex)
                {
                    errors.Enqueue(ex);
                }
                finally
                {
                    ended[index] = Stopwatch.GetTimestamp();
                }
            })
            {
                IsBackground = true, // a hung worker must not keep the test process alive
                Name = $"stress-{index}",
            };
        }

        foreach (Thread worker in workers)
        {
            worker.Start();
        }

        DateTime deadline = DateTime.UtcNow + Watchdog;
        foreach (Thread worker in workers)
        {
            TimeSpan left = deadline - DateTime.UtcNow;
            if (!worker.Join(left > TimeSpan.Zero ? left : TimeSpan.Zero))
            {
                throw new IntegrityException($"Watchdog: thread {worker.Name} did not finish within {Watchdog.TotalSeconds} s (hang or livelock).");
            }
        }

        if (!errors.IsEmpty)
        {
            throw new IntegrityException($"A worker threw: {errors.First().GetType().Name}: {errors.First().Message}", new AggregateException(errors));
        }

        // Join is a full fence, so every worker's timestamps are visible here.
        TimeSpan overlap = Stopwatch.GetElapsedTime(started.Max(), ended.Min());
        t_lastOverlapTicks = overlap.Ticks;
        return overlap;
    }

    /// <summary>
    /// Runs <paramref name="scenario"/> (which builds its own map and calls <see cref="Run"/> once) until its workers
    /// overlapped, so that passing means something. A failure on any run fails at once.
    /// </summary>
    /// <param name="scenario">The scenario: fresh map, one <see cref="Run"/>, its checks.</param>
    /// <param name="attempts">How many runs without overlap to allow before failing.</param>
    /// <exception cref="IntegrityException">A run's checks failed, or no run overlapped.</exception>
    public static void UntilOverlapped(Action scenario, int attempts = 20) =>
        UntilOverlapped(
            () =>
            {
                scenario();
                return LastOverlap;
            },
            attempts);

    /// <summary>As <see cref="UntilOverlapped(Action, int)"/>, for a scenario that returns its own overlap.</summary>
    /// <param name="scenario">The scenario; returns the overlap of its run.</param>
    /// <param name="attempts">How many runs without overlap to allow before failing.</param>
    /// <returns>How many runs it took.</returns>
    /// <exception cref="IntegrityException">A run's checks failed, or no run overlapped.</exception>
    public static int UntilOverlapped(Func<TimeSpan> scenario, int attempts = 20)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(attempts);
        for (int attempt = 1; attempt <= attempts; attempt++)
        {
            if (scenario() > TimeSpan.Zero)
            {
                return attempt;
            }
        }

        throw new IntegrityException($"The workers never ran at the same time in {attempts} runs: the scenario proved nothing about concurrency.");
    }

    /// <summary>Throws <see cref="IntegrityException"/> with <paramref name="message"/> unless <paramref name="condition"/> holds.</summary>
    public static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new IntegrityException(message);
        }
    }
}

using System.Collections.Concurrent;

namespace MapGuard.Testing.Stress;

/// <summary>
/// Runs worker threads released together by a <see cref="Barrier"/>, under a watchdog that turns a hang into a
/// failure. A worker's exception is a failure too.
/// </summary>
public static class StressHarness
{
    /// <summary>How long a bounded scenario may run before it counts as hung.</summary>
    public static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(90);

    /// <summary>Runs <paramref name="body"/> on <paramref name="threads"/> threads at once.</summary>
    /// <exception cref="IntegrityException">A worker threw, or the watchdog fired.</exception>
    public static void Run(int threads, Action<int> body)
    {
        using var gate = new Barrier(threads);
        var errors = new ConcurrentQueue<Exception>();
        var workers = new Thread[threads];
        for (int i = 0; i < threads; i++)
        {
            int index = i;
            workers[i] = new Thread(() =>
            {
                gate.SignalAndWait();
                try
                {
                    body(index);
                }
                catch (Exception ex)
                {
                    errors.Enqueue(ex);
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

using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace MapGuard.Cli.Matrix.Worker;

/// <summary>Runs the measuring threads for one phase and takes the GC and allocation deltas around it.</summary>
internal static class PhaseRunner
{
    /// <summary>
    /// A warm-up ends when this long passes without the JIT compiling a method. It must exceed the tiering
    /// call-counting delay, which the launcher sets to 0 (the runtime default is 100 ms, and nothing compiles
    /// while it runs, so a shorter window would mistake "waiting to tier up" for "done").
    /// </summary>
    private static readonly TimeSpan s_warmupSlice = TimeSpan.FromMilliseconds(60);

    /// <summary>Runs for exactly <paramref name="duration"/>.</summary>
    public static PhaseStats RunFor<TOps, TKey>(TOps operations, ThreadState<TKey>[] states, TimeSpan duration)
        where TOps : struct, IMapOperations<TKey> =>
        Run(operations, states, elapsed =>
        {
            var left = duration - elapsed.Elapsed;
            if (left > TimeSpan.Zero)
            {
                Thread.Sleep(left);
            }

            return (true, false);
        });

    /// <summary>
    /// Warms up for at least <paramref name="minimum"/>, then until a <see cref="s_warmupSlice"/> passes without the
    /// JIT compiling a method (tier-1 promotion with PGO is done), or until <paramref name="maximum"/>.
    /// </summary>
    public static PhaseStats WarmUp<TOps, TKey>(TOps operations, ThreadState<TKey>[] states, TimeSpan minimum, TimeSpan maximum)
        where TOps : struct, IMapOperations<TKey> =>
        Run(operations, states, elapsed =>
        {
            if (elapsed.Elapsed < minimum)
            {
                Thread.Sleep(minimum - elapsed.Elapsed);
            }

            long compiled = JitInfo.GetCompiledMethodCount(currentThread: false);
            Thread.Sleep(s_warmupSlice);
            bool quiet = JitInfo.GetCompiledMethodCount(currentThread: false) == compiled;
            return (quiet || elapsed.Elapsed >= maximum, quiet);
        });

    // The controller sleeps while the threads run; waitStep is called until it returns done.
    private static PhaseStats Run<TOps, TKey>(TOps operations, ThreadState<TKey>[] states, Func<Stopwatch, (bool Done, bool Quiet)> waitStep)
        where TOps : struct, IMapOperations<TKey>
    {
        using var control = new PhaseControl(states.Length);
        var threads = new Thread[states.Length];
        for (int i = 0; i < states.Length; i++)
        {
            states[i].ResetPhase();
            var state = states[i];
            threads[i] = new Thread(() => MeasurementLoop.RunThread(operations, state, control))
            {
                IsBackground = true,
                Name = string.Create(CultureInfo.InvariantCulture, $"mapguard-measure-{i}"),
            };
            threads[i].Start();
        }

        control.WaitUntilReady();
        var stopwatch = new Stopwatch();
        int gcBefore = GC.CollectionCount(0);
        var pauseBefore = GC.GetTotalPauseDuration();
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        stopwatch.Start();
        control.Start();
        (bool Done, bool Quiet) step;
        do
        {
            step = waitStep(stopwatch);
        }
        while (!step.Done);

        control.Stop();
        foreach (var thread in threads)
        {
            thread.Join();
        }

        stopwatch.Stop();
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        int gcCount = GC.CollectionCount(0) - gcBefore; // gen0 counts every collection: higher ones include it
        var pause = GC.GetTotalPauseDuration() - pauseBefore;

        long operationsDone = 0;
        double opsPerSecond = 0;
        foreach (var state in states)
        {
            operationsDone += state.Operations;
            if (state.ElapsedTicks > 0)
            {
                opsPerSecond += state.Operations * (double)Stopwatch.Frequency / state.ElapsedTicks;
            }
        }

        return new PhaseStats(operationsDone, opsPerSecond, stopwatch.Elapsed.TotalMilliseconds, allocated, gcCount, pause.TotalMilliseconds, step.Quiet);
    }
}

using System.Collections.Concurrent;

namespace MapGuard.Testing.Detection;

/// <summary>
/// Threads that a test parks inside a dictionary operation with a <see cref="GateComparer"/>, then lets go. Any
/// exception a parked thread throws is kept in <see cref="Errors"/> for the test to check.
/// </summary>
public sealed class ParkedThreads : IDisposable
{
    /// <summary>How long to wait for a thread to park or to finish before the test fails.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    /// <summary>Gets the comparer whose gate key parks the hashing thread.</summary>
    public GateComparer Gate { get; } = new();

    /// <summary>Gets the exceptions the threads started here threw.</summary>
    public ConcurrentQueue<Exception> Errors { get; } = new();

    /// <summary>Starts <paramref name="action"/> on a thread and returns once it is parked in the gate.</summary>
    /// <exception cref="TimeoutException">The thread never reached the gate.</exception>
    public Thread Park(Action action)
    {
        Thread thread = Start(action);
        if (!Gate.Entered.Wait(Wait))
        {
            throw new TimeoutException("The parked operation never reached the comparer.");
        }

        return thread;
    }

    /// <summary>Starts <paramref name="action"/> on a background thread, keeping its exception in <see cref="Errors"/>.</summary>
    public Thread Start(Action action)
    {
        var thread = new Thread(() => Capture(action)) { IsBackground = true };
        thread.Start();
        return thread;
    }

    /// <summary>Opens the gate and waits for <paramref name="thread"/> to finish.</summary>
    /// <exception cref="TimeoutException">The thread did not finish.</exception>
    public void Finish(Thread thread)
    {
        Gate.Release.Set();
        if (!thread.Join(Wait))
        {
            throw new TimeoutException("The parked operation did not finish.");
        }
    }

    /// <summary>Opens the gate (so no thread stays parked) and disposes it.</summary>
    public void Dispose()
    {
        Gate.Release.Set();
        Gate.Dispose();
    }

    private void Capture(Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex)
        {
            Errors.Enqueue(ex);
        }
    }
}

/// <summary>An int comparer that calls back on every hash, for tests where a comparer re-enters the dictionary.</summary>
public sealed class CallbackComparer(Action<int> onHash) : IEqualityComparer<int>
{
    /// <inheritdoc/>
    public bool Equals(int x, int y) => x == y;

    /// <inheritdoc/>
    public int GetHashCode(int obj)
    {
        onHash(obj);
        return obj;
    }
}

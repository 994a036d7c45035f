namespace MapGuard.Cli.Matrix.Worker;

/// <summary>
/// Starts the measuring threads together and stops them. Threads block (not spin) until the start, so on a small
/// machine they do not steal the core the controlling thread needs to take its baseline.
/// </summary>
internal sealed class PhaseControl : IDisposable
{
    private readonly ManualResetEventSlim _start = new(false);
    private readonly CountdownEvent _ready;
    // ORDER: written once by the controller; threads poll it once per chunk. A volatile field's reads are volatile
    // reads, which the compiler may not merge into one read hoisted out of the polling loop, so a thread sees the stop.
    private volatile bool _stop;

    /// <summary>Creates a control for <paramref name="threads"/> threads.</summary>
    public PhaseControl(int threads) => _ready = new CountdownEvent(threads);

    /// <summary>True once the controller has asked the threads to stop.</summary>
    public bool StopRequested => _stop;

    /// <summary>Called by each thread: reports ready, then waits for the start.</summary>
    public void ArriveAndWait()
    {
        _ready.Signal();
        _start.Wait();
    }

    /// <summary>Called by the controller: waits until every thread is ready.</summary>
    public void WaitUntilReady() => _ready.Wait();

    /// <summary>Releases the threads.</summary>
    public void Start() => _start.Set();

    /// <summary>Asks the threads to stop after their current chunk.</summary>
    public void Stop() => _stop = true;

    /// <inheritdoc/>
    public void Dispose()
    {
        _start.Dispose();
        _ready.Dispose();
    }
}

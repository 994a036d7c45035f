namespace MapGuard.Redis.Benchmarks;

/// <summary>
/// Runs one body on N threads at once, with N-1 threads kept alive between invocations so thread start-up is not
/// measured. The calling thread is caller 0.
/// </summary>
public sealed class CallerPool : IDisposable
{
    private readonly Barrier _start;
    private readonly Barrier _end;
    private readonly Thread[] _workers;
    private Action<int>? _body;
    private bool _stopping;

    public CallerPool(int callers)
    {
        _start = new Barrier(callers);
        _end = new Barrier(callers);
        _workers = new Thread[callers - 1];
        for (int i = 0; i < _workers.Length; i++)
        {
            int index = i + 1;
            _workers[i] = new Thread(() => Loop(index)) { IsBackground = true, Name = $"caller-{index}" };
            _workers[i].Start();
        }
    }

    public void Run(Action<int> body)
    {
        _body = body;
        _start.SignalAndWait();
        body(0);
        _end.SignalAndWait();
    }

    public void Dispose()
    {
        _stopping = true;
        _start.SignalAndWait();
        foreach (Thread worker in _workers)
        {
            worker.Join();
        }

        _start.Dispose();
        _end.Dispose();
    }

    private void Loop(int index)
    {
        while (true)
        {
            _start.SignalAndWait();
            if (_stopping)
            {
                return;
            }

            _body!(index);
            _end.SignalAndWait();
        }
    }
}

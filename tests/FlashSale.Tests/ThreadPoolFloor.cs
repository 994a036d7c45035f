namespace FlashSale.Tests;

/// <summary>
/// Raises the thread pool's minimum worker count for a test and puts it back when disposed. The across-instances tests
/// host Garnet in the test process, and Garnet's socket completions run on the same thread pool as the two services'
/// requests, which block on their RedisMap calls (IConcurrentMap is synchronous). Starting with as many workers as
/// there are requests in flight spares the test the pool's slow thread injection (about two a second once starved);
/// it changes how fast the storm runs, not what it checks. In production the server is another process.
/// </summary>
internal sealed class ThreadPoolFloor : IDisposable
{
    private readonly int _workers;
    private readonly int _io;

    public ThreadPoolFloor(int workers)
    {
        ThreadPool.GetMinThreads(out _workers, out _io);
        ThreadPool.SetMinThreads(Math.Max(workers, _workers), _io);
    }

    public void Dispose() => ThreadPool.SetMinThreads(_workers, _io);
}

namespace FlashSale.Tests;

/// <summary>
/// Raises the thread pool's minimum worker count for a test and puts it back when disposed. The across-instances tests
/// host Garnet in the test process, and Garnet's socket completions run on the same thread pool as the two services'
/// requests, which block on their RedisMap calls (IConcurrentMap is synchronous). Without a floor the pool starves: in
/// one run without it (2-core machine, 2026-11-26) the 20,000-order storm took 15 s, some calls hit the store's 5 s
/// timeout, and the answers were 99 sales and 503s, one of them "may have been made" (a unit taken whose answer was
/// lost): no oversell, but not the clean 100 the test asserts. In production the server is another process.
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

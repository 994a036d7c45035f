namespace MapGuard.Cli.Lab.Migration;

/// <summary>The stages of <c>mapguard lab migration</c>, in order; each gets its own throughput and latency.</summary>
internal enum LoadStage
{
    /// <summary>The load runs on the plain ConcurrentDictionaryMap.</summary>
    Before = 0,

    /// <summary>The MigratingMap is installed and dual-writes; reads backfill.</summary>
    DualWrite = 1,

    /// <summary>The background sweep copies the keys no read has copied.</summary>
    Draining = 2,

    /// <summary>Cut over: every call goes to the LockFreeMap.</summary>
    After = 3,

    /// <summary>The first moments on the plain map, while the JIT and caches warm up: not reported.</summary>
    WarmUp = 4,
}

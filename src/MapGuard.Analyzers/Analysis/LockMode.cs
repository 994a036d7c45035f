namespace MapGuard.Analyzers.Analysis;

/// <summary>How a lock is held.</summary>
internal enum LockMode
{
    /// <summary><c>lock</c>, <c>Lock.EnterScope()</c>, <c>Lock.Enter()</c> or <c>Monitor.Enter</c>.</summary>
    Exclusive,

    /// <summary><c>ReaderWriterLockSlim.EnterReadLock()</c>: reads only.</summary>
    Read,

    /// <summary><c>ReaderWriterLockSlim.EnterUpgradeableReadLock()</c>: reads only until upgraded.</summary>
    Upgradeable,

    /// <summary><c>ReaderWriterLockSlim.EnterWriteLock()</c>.</summary>
    Write,
}

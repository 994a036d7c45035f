using MapGuard.Telemetry;

namespace MapGuard.Locked;

/// <summary>
/// A <see cref="ReaderWriterLockSlim"/>, the literal "RWMutex". Kept so the benchmark can compare it with
/// <see cref="ExclusiveLockPolicy"/>; see docs/design/locked-map.md for why it lost.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Lives as long as its map; maps are not disposable, like Dictionary.")]
internal readonly struct ReaderWriterLockPolicy : ILockPolicy
{
    private readonly ReaderWriterLockSlim _lock;

    public ReaderWriterLockPolicy() => _lock = new ReaderWriterLockSlim(LockRecursionPolicy.SupportsRecursion);

    public void EnterRead(MapTelemetry? telemetry) => _lock.EnterReadLock();
    public void ExitRead() => _lock.ExitReadLock();
    public void EnterWrite(MapTelemetry? telemetry) => _lock.EnterWriteLock();
    public void ExitWrite() => _lock.ExitWriteLock();
}

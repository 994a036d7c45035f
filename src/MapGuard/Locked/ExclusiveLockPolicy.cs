using MapGuard.Internal;
using MapGuard.Telemetry;

namespace MapGuard.Locked;

/// <summary>One <see cref="Lock"/> for readers and writers alike. Reentrant, so a factory may call back into the map.</summary>
internal readonly struct ExclusiveLockPolicy : ILockPolicy
{
    private readonly Lock _lock;

    public ExclusiveLockPolicy() => _lock = new Lock();

    public void EnterRead(MapTelemetry? telemetry) => LockTiming.EnterLock(_lock, telemetry);
    public void ExitRead() => _lock.Exit();
    public void EnterWrite(MapTelemetry? telemetry) => LockTiming.EnterLock(_lock, telemetry);
    public void ExitWrite() => _lock.Exit();
}

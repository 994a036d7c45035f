using MapGuard.Locked;
using MapGuard.Telemetry;

namespace MapGuard.Testing.Broken;

/// <summary>A lock policy that locks nothing: <see cref="LockedMapCore{TKey, TValue, TLock}"/> with its lock removed.</summary>
internal readonly struct NoLockPolicy : ILockPolicy
{
    public void EnterRead(MapTelemetry? telemetry)
    {
    }

    public void ExitRead()
    {
    }

    public void EnterWrite(MapTelemetry? telemetry)
    {
    }

    public void ExitWrite()
    {
    }
}

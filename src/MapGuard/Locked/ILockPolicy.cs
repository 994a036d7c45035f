using MapGuard.Telemetry;

namespace MapGuard.Locked;

/// <summary>
/// How <see cref="LockedMapCore{TKey, TValue, TLock}"/> excludes writers from readers. A struct policy, so the JIT
/// specialises the map for each lock kind and the call costs nothing beyond the lock itself.
/// </summary>
internal interface ILockPolicy
{
    /// <summary>Enters for reading; a contended wait is recorded in <paramref name="telemetry"/> when there is one.</summary>
    void EnterRead(MapTelemetry? telemetry);

    void ExitRead();

    /// <summary>Enters for writing; a contended wait is recorded in <paramref name="telemetry"/> when there is one.</summary>
    void EnterWrite(MapTelemetry? telemetry);

    void ExitWrite();
}

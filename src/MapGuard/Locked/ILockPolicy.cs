namespace MapGuard.Locked;

/// <summary>
/// How <see cref="LockedMapCore{TKey, TValue, TLock}"/> excludes writers from readers. A struct policy, so the JIT
/// specialises the map for each lock kind and the call costs nothing beyond the lock itself.
/// </summary>
internal interface ILockPolicy
{
    /// <summary>Enters for reading; a contended wait is recorded against <paramref name="owner"/>'s metrics.</summary>
    void EnterRead(object owner);

    void ExitRead();

    /// <summary>Enters for writing; a contended wait is recorded against <paramref name="owner"/>'s metrics.</summary>
    void EnterWrite(object owner);

    void ExitWrite();
}

namespace MapGuard.Locked;

/// <summary>
/// How <see cref="LockedMapCore{TKey, TValue, TLock}"/> excludes writers from readers. A struct policy, so the JIT
/// specialises the map for each lock kind and the call costs nothing beyond the lock itself.
/// </summary>
internal interface ILockPolicy
{
    void EnterRead();
    void ExitRead();
    void EnterWrite();
    void ExitWrite();
}

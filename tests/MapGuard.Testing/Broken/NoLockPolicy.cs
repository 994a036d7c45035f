using MapGuard.Locked;

namespace MapGuard.Testing.Broken;

/// <summary>A lock policy that locks nothing: <see cref="LockedMapCore{TKey, TValue, TLock}"/> with its lock removed.</summary>
internal readonly struct NoLockPolicy : ILockPolicy
{
    public void EnterRead(object owner)
    {
    }

    public void ExitRead()
    {
    }

    public void EnterWrite(object owner)
    {
    }

    public void ExitWrite()
    {
    }
}

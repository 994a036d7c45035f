using MapGuard.Locked;

namespace MapGuard.Testing.Broken;

/// <summary>A lock policy that locks nothing: <see cref="LockedMapCore{TKey, TValue, TLock}"/> with its lock removed.</summary>
internal readonly struct NoLockPolicy : ILockPolicy
{
    public void EnterRead()
    {
    }

    public void ExitRead()
    {
    }

    public void EnterWrite()
    {
    }

    public void ExitWrite()
    {
    }
}

namespace MapGuard;

/// <summary>
/// Declares that a field or property may only be touched while the named lock is held, or, on a method, that its
/// callers must hold that lock. The MapGuard analyzers (shipped in the MapGuard package) enforce it at compile time:
/// MG1005 reports an access without the lock, MG1006 an attribute whose lock is not a readonly reference-type field.
/// </summary>
/// <remarks>
/// <para>The lock is a field of the same type (or a base type), named as a string, for example
/// <c>[GuardedBy("_lock")]</c> or, better, <c>[GuardedBy(nameof(_lock))]</c>. It must be <see langword="readonly"/>
/// and of a reference type: <see cref="Lock"/>, <see cref="object"/>, or <see cref="ReaderWriterLockSlim"/>. A static
/// member needs a static lock.</para>
/// <para>Held means: inside <c>lock (_lock)</c>, inside <c>using (_lock.EnterScope())</c> or after
/// <c>using var scope = _lock.EnterScope();</c>, or between <c>Monitor.Enter(_lock)</c> / <c>_lock.Enter()</c> and the
/// matching exit. With a <see cref="ReaderWriterLockSlim"/>, reads need the read, upgradeable or write lock, and writes
/// need the write lock. Constructors (for the instance's own members), static constructors (for static members) and
/// initializers are exempt, because nothing else can see the object yet. A lambda does not inherit the lock of the
/// code that creates it: it may run later, on another thread.</para>
/// <para>The idea comes from Java's <c>@GuardedBy</c> (JCIP annotations, enforced by Error Prone) and Clang's
/// <c>GUARDED_BY</c> / <c>REQUIRES</c> thread-safety analysis.</para>
/// </remarks>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class GuardedByAttribute : Attribute
{
    /// <summary>Declares the member guarded by the lock field named <paramref name="lockName"/>.</summary>
    /// <param name="lockName">The name of a readonly reference-type field of the same type that is the lock.</param>
    /// <exception cref="ArgumentException"><paramref name="lockName"/> is null, empty or white space.</exception>
    public GuardedByAttribute(string lockName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(lockName);
        LockName = lockName;
    }

    /// <summary>Gets the name of the lock field.</summary>
    public string LockName { get; }
}

using System.Runtime.CompilerServices;

namespace MapGuard.Internal;

/// <summary>The calling thread's managed ID, cached per thread.</summary>
internal static class CurrentThread
{
    // Zero until the thread's first use: managed thread IDs start at 1. A [ThreadStatic] int is one TLS load, where
    // Environment.CurrentManagedThreadId goes through Thread.CurrentThread and costs more than the compare-and-swap
    // a guarded write makes (docs/design/guarded-dictionary.md, Cost).
    [ThreadStatic]
    private static int t_managedId;

    /// <summary>Gets <see cref="Environment.CurrentManagedThreadId"/>, read once per thread.</summary>
    public static int ManagedId
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            int id = t_managedId;
            return id != 0 ? id : Initialize();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Initialize() => t_managedId = Environment.CurrentManagedThreadId;
}

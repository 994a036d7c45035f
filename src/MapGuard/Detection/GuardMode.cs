namespace MapGuard;

/// <summary>What a <see cref="GuardedDictionary{TKey, TValue}"/> does when it detects overlapping operations.</summary>
public enum GuardMode
{
    /// <summary>
    /// The thread that detects the overlap throws <see cref="ConcurrentAccessException"/> before it touches the
    /// dictionary, so the data stays intact and the other thread's operation completes. The default.
    /// </summary>
    Throw = 0,

    /// <summary>
    /// The detecting thread raises <see cref="GuardedDictionary{TKey, TValue}.ViolationDetected"/>, counts the violation
    /// in <c>mapguard.guard.violations</c>, then switches that dictionary to serialized mode for good: from then on every
    /// operation takes a lock, so the data stays intact and the caller carries on. Re-entry from the same thread (a
    /// comparer calling back into the dictionary) cannot be serialized and still throws.
    /// </summary>
    Report = 1,
}

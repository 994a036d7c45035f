namespace MapGuard;

/// <summary>
/// A <see cref="GuardedDictionary{TKey, TValue}"/> caught two threads using it at once (or a thread re-entering it).
/// Thrown by the thread that detected the overlap, before that thread touched the dictionary, so the data is intact.
/// </summary>
/// <remarks>
/// It derives from <see cref="InvalidOperationException"/>, the type a plain <see cref="Dictionary{TKey, TValue}"/>
/// throws when it notices concurrent use after the fact, so existing handlers still catch it.
/// </remarks>
public sealed class ConcurrentAccessException : InvalidOperationException
{
    /// <summary>Creates the exception with a generic message.</summary>
    public ConcurrentAccessException()
        : base("A dictionary was used by more than one thread at once.")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    /// <param name="message">What happened.</param>
    public ConcurrentAccessException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the exception that caused it.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public ConcurrentAccessException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="violation"/>.</summary>
    /// <param name="violation">The detected overlap.</param>
    /// <param name="innerException">
    /// The exception a read hit inside the dictionary because a write overlapped it, or null.
    /// </param>
    public ConcurrentAccessException(GuardViolation violation, Exception? innerException = null)
        : base((violation ?? throw new ArgumentNullException(nameof(violation))).Message, innerException)
    {
        Violation = violation;
    }

    /// <summary>Gets the full report: both operations, both thread IDs and the stacks; null when built from a message alone.</summary>
    public GuardViolation? Violation { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        Violation is null ? base.ToString() : base.ToString() + Environment.NewLine + Violation.Stacks();
}
